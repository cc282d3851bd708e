using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using WebMacs.AspNetCore.Tests.Datapoints;
using WebMacs.AspNetCore.Tests.Rules;
using WebMacs.AspNetCore.Tests.Support;
using WebMacs.Domain;
using WebMacs.Testing.Hosting;
using WebMacs.Testing.Postgres;
using WebMacs.Webhooks;
using static WebMacs.AspNetCore.Tests.Support.Http;

namespace WebMacs.AspNetCore.Tests.Webhooks;

/// <summary>
/// The webhook dispatcher (reference §6.3 with the compat decisions) against a real HTTP receiver on loopback, on both
/// stores: signatures a receiver can verify, the durable outbox's states, retries, dead letters, delivery after a
/// restart, the <c>sensor.reading</c> throttle and the SSRF guard.
/// </summary>
public sealed class WebhookDispatcherTests(PostgresServer postgres)
{
    [Theory]
    [MemberData(nameof(TestStores.All), MemberType = typeof(TestStores))]
    public async Task ExperimentStarted_SignedDelivery_ReceiverVerifiesTheSignatureAndTheRowIsDelivered(TestStore store)
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var location = await StoreLocation.CreateAsync(postgres, store);
        await using var host = await location.StartHostAsync(b => b.AddWebhooks(RuleEngineTests.Loopback));
        const string Secret = "s3cret-ä-key";
        var url = receiver.NewUrl();
        var webhook = await host.InsertWebhookAsync("""["experiment.started"]""", url: url, secret: Secret);
        var name = $"Versuch ä {Guid.NewGuid():N}";

        await PostExperimentAsync(host, name);

        var delivery = await WaitForFinalAsync(host, webhook);
        var request = Assert.Single(receiver.RequestsTo(url));
        Assert.Equal("POST", request.Method);
        Assert.StartsWith("application/json", request.Header("Content-Type"), StringComparison.Ordinal);
        var timestamp = request.Header("X-Webhook-Timestamp")!;
        Assert.Matches("^[0-9]+$", timestamp);
        Assert.InRange(long.Parse(timestamp, System.Globalization.CultureInfo.InvariantCulture), DateTimeOffset.UtcNow.AddMinutes(-5).ToUnixTimeSeconds(), DateTimeOffset.UtcNow.AddMinutes(1).ToUnixTimeSeconds());
        var expected = Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(Secret), Encoding.UTF8.GetBytes(timestamp + ".").Concat(request.Body).ToArray()));
        Assert.Equal(expected, request.Header("X-Webhook-Signature"));
        Assert.Matches($"^\\{{\"type\": \"experiment\\.started\", \"time\": \"{RuleEngineTests.TimePattern}\", \"experiment\": \"Versuch \\\\u00e4 [0-9a-f]{{32}}\"\\}}$", request.BodyText);
        Assert.Equal(delivery.Payload, request.BodyText);

        using var admin = host.CreateClient(await host.LoginAsync());
        var listed = await (await admin.GetAsync($"/api/v1/webhooks/{webhook.PublicId}/deliveries", Ct)).ReadJsonAsync();
        var shown = Assert.Single(listed.GetProperty("data").EnumerateArray());
        Assert.Equal("delivered", shown.GetProperty("status").GetString());
        Assert.Equal("experiment.started", shown.GetProperty("event_type").GetString());
        Assert.Equal(200, shown.GetProperty("response_code").GetInt32());
        Assert.Equal(1, shown.GetProperty("attempts").GetInt32());
        Assert.Equal(JsonValueKind.Null, shown.GetProperty("last_error").ValueKind);
        Assert.Equal(JsonValueKind.String, shown.GetProperty("delivered_on").ValueKind);
    }

    [Theory]
    [MemberData(nameof(TestStores.All), MemberType = typeof(TestStores))]
    public async Task WebhookWithoutSecret_SendsNoSignatureHeader(TestStore store)
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var location = await StoreLocation.CreateAsync(postgres, store);
        await using var host = await location.StartHostAsync(b => b.AddWebhooks(RuleEngineTests.Loopback));
        var url = receiver.NewUrl();
        var webhook = await host.InsertWebhookAsync("""["experiment.started"]""", url: url, secret: null);

        await PostExperimentAsync(host, $"unsigned-{Guid.NewGuid():N}");

        Assert.Equal(WebhookDeliveryStatus.Delivered, (await WaitForFinalAsync(host, webhook)).Status);
        var request = Assert.Single(receiver.RequestsTo(url));
        Assert.NotNull(request.Header("X-Webhook-Timestamp"));
        Assert.Null(request.Header("X-Webhook-Signature"));
        Assert.StartsWith("application/json", request.Header("Content-Type"), StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(TestStores.All), MemberType = typeof(TestStores))]
    public async Task ReceiverAnswers500_ThreeAttemptsThenDeadLetter(TestStore store)
    {
        await using var receiver = await WebhookReceiver.StartAsync(ReceiverBehaviour.Fail);
        await using var location = await StoreLocation.CreateAsync(postgres, store);
        await using var host = await location.StartHostAsync(b => b.AddWebhooks(RuleEngineTests.Loopback));
        var url = receiver.NewUrl();
        var webhook = await host.InsertWebhookAsync("""["experiment.started"]""", url: url, secret: "k");

        await PostExperimentAsync(host, $"failing-{Guid.NewGuid():N}");

        var delivery = await WaitForFinalAsync(host, webhook);
        Assert.Equal(WebhookDeliveryStatus.DeadLetter, delivery.Status);
        Assert.Equal(3, delivery.Attempts);
        Assert.Equal(500, delivery.ResponseCode);
        Assert.Equal("HTTP 500", delivery.LastError);
        Assert.Null(delivery.DeliveredOn);
        var requests = receiver.RequestsTo(url);
        Assert.Equal(3, requests.Count);
        Assert.All(requests, r => Assert.Equal(delivery.Payload, r.BodyText));
    }

    [Theory]
    [MemberData(nameof(TestStores.All), MemberType = typeof(TestStores))]
    public async Task ReceiverTooSlow_RecordsTimeoutWithoutResponseCode(TestStore store)
    {
        await using var receiver = await WebhookReceiver.StartAsync(ReceiverBehaviour.Hang);
        await using var location = await StoreLocation.CreateAsync(postgres, store);
        await using var host = await location.StartHostAsync(b => b.AddWebhooks(o =>
        {
            RuleEngineTests.Loopback(o);
            o.Timeout = TimeSpan.FromMilliseconds(300);
        }));
        var url = receiver.NewUrl();
        var webhook = await host.InsertWebhookAsync("""["experiment.started"]""", url: url);

        await PostExperimentAsync(host, $"slow-{Guid.NewGuid():N}");

        var delivery = await WaitForFinalAsync(host, webhook);
        Assert.Equal(WebhookDeliveryStatus.DeadLetter, delivery.Status);
        Assert.Equal(3, delivery.Attempts);
        Assert.Equal("Timeout", delivery.LastError);
        Assert.Null(delivery.ResponseCode);
        Assert.Equal(3, receiver.RequestsTo(url).Count);
    }

    [Theory]
    [MemberData(nameof(TestStores.All), MemberType = typeof(TestStores))]
    public async Task PendingDeliveryFromBeforeARestart_IsDeliveredByTheNextHost(TestStore store)
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var location = await StoreLocation.CreateAsync(postgres, store);
        var url = receiver.NewUrl();
        const string Payload = """{"type": "sensor.reading", "time": "2026-01-01T00:00:00+00:00", "sensor": "x", "value": 1.0}""";
        Webhook webhook;
        await using (var before = await location.StartHostAsync())
        {
            webhook = await before.InsertWebhookAsync("""["sensor.reading"]""", url: url, secret: "restart");
            var pending = WebhookData.Delivery(webhook, WebhookDeliveryStatus.Pending, DateTime.UtcNow);
            pending.Payload = Payload;
            pending.NextAttemptAt = DateTime.UtcNow;
            await before.InsertDeliveriesAsync(pending);
        }

        Assert.Empty(receiver.Requests);
        await using var after = await location.StartHostAsync(b => b.AddWebhooks(RuleEngineTests.Loopback));

        var delivery = await WaitForFinalAsync(after, webhook);
        Assert.Equal(WebhookDeliveryStatus.Delivered, delivery.Status);
        Assert.Equal(1, delivery.Attempts);
        var request = Assert.Single(receiver.RequestsTo(url));
        Assert.Equal(Payload, request.BodyText);
        var timestamp = request.Header("X-Webhook-Timestamp")!;
        Assert.Equal(
            Convert.ToHexStringLower(HMACSHA256.HashData("restart"u8, Encoding.UTF8.GetBytes(timestamp + "." + Payload))),
            request.Header("X-Webhook-Signature"));
    }

    [Theory]
    [MemberData(nameof(TestStores.All), MemberType = typeof(TestStores))]
    public async Task SensorReading_ManyBatchesWithinTheInterval_OneDeliveryPerEvent(TestStore store)
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var location = await StoreLocation.CreateAsync(postgres, store);
        await using var host = await location.StartHostAsync(b => b.AddRules().AddWebhooks(o =>
        {
            RuleEngineTests.Loopback(o);
            o.SensorReadingInterval = TimeSpan.FromHours(1);
        }));
        using var client = await host.OperatorClientAsync();
        var first = await host.CreateLinkedEventAsync();
        var second = await host.CreateLinkedEventAsync();
        var url = receiver.NewUrl();
        var webhook = await host.InsertWebhookAsync("""["sensor.reading"]""", url: url);

        // A log rule with no cooldown shows when the committed-data rounds of every batch are done.
        var sentinel = await host.InsertRuleAsync(first, RuleOperator.Gte, 0);
        for (var i = 1; i <= 10; i++)
        {
            await client.PostBatchAsync((i, first), (100 + i, second));
        }

        await Eventually.UntilAsync(() => host.LogEntriesOfAsync(sentinel), l => l.Any(e => e.Content.Contains("value 10.0 ", StringComparison.Ordinal)), "the last batch's evaluation");
        await client.PostBatchAsync((11, first), (111, second));
        await Eventually.UntilAsync(() => host.LogEntriesOfAsync(sentinel), l => l.Any(e => e.Content.Contains("value 11.0 ", StringComparison.Ordinal)), "one more round");

        var deliveries = await Eventually.UntilAsync(() => host.DeliveriesOfAsync(webhook.Id), d => d.All(x => x.Status == WebhookDeliveryStatus.Delivered), "the deliveries");
        Assert.Equal(2, deliveries.Count);
        Assert.Contains(deliveries, d => d.Payload.Contains($"\"sensor\": \"{first.Public}\", \"value\": 1.0}}", StringComparison.Ordinal));
        Assert.Contains(deliveries, d => d.Payload.Contains($"\"sensor\": \"{second.Public}\", \"value\": 101.0}}", StringComparison.Ordinal));
        Assert.Equal(2, receiver.RequestsTo(url).Count);
    }

    [Theory]
    [MemberData(nameof(TestStores.All), MemberType = typeof(TestStores))]
    public async Task LoopbackTarget_WithoutAllowList_IsNeverCalledAndDeadLettered(TestStore store)
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var location = await StoreLocation.CreateAsync(postgres, store);
        await using var host = await location.StartHostAsync(b => b.AddWebhooks(o => o.PollInterval = TimeSpan.FromMilliseconds(50)));
        var literal = await host.InsertWebhookAsync("""["experiment.started"]""", url: receiver.NewUrl());
        var named = await host.InsertWebhookAsync("""["experiment.started"]""", url: receiver.NewUrl("localhost"));

        await PostExperimentAsync(host, $"ssrf-{Guid.NewGuid():N}");

        foreach (var webhook in new[] { literal, named })
        {
            var delivery = await WaitForFinalAsync(host, webhook);
            Assert.Equal(WebhookDeliveryStatus.DeadLetter, delivery.Status);
            Assert.StartsWith("Refused:", delivery.LastError, StringComparison.Ordinal);
            Assert.Null(delivery.ResponseCode);
        }

        Assert.Empty(receiver.Requests);
    }

    [Theory]
    [MemberData(nameof(TestStores.All), MemberType = typeof(TestStores))]
    public async Task LoopbackTarget_WithWebhookAllowPrivate_IsDelivered(TestStore store)
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var location = await StoreLocation.CreateAsync(postgres, store);
        await using var host = await location.StartHostAsync(
            b => b.AddWebhooks(o => o.PollInterval = TimeSpan.FromMilliseconds(50)),
            new Dictionary<string, string?> { ["WEBHOOK_ALLOW_PRIVATE"] = "true" });
        var url = receiver.NewUrl();
        var webhook = await host.InsertWebhookAsync("""["experiment.started"]""", url: url);

        await PostExperimentAsync(host, $"private-{Guid.NewGuid():N}");

        var delivery = await WaitForFinalAsync(host, webhook);
        Assert.Equal(WebhookDeliveryStatus.Delivered, delivery.Status);
        Assert.Equal(200, delivery.ResponseCode);
        Assert.Single(receiver.RequestsTo(url));
    }

    private static async Task PostExperimentAsync(WebMacsTestHost host, string name)
    {
        using var client = await host.OperatorClientAsync();
        using var response = await client.PostRawJsonAsync("/api/v1/experiments", JsonSerializer.Serialize(new { name }));
        Assert.True(response.IsSuccessStatusCode, $"POST /experiments answered {(int)response.StatusCode}");
    }

    /// <summary>Waits until the webhook has exactly one delivery and it is no longer pending.</summary>
    private static async Task<WebhookDelivery> WaitForFinalAsync(WebMacsTestHost host, Webhook webhook)
    {
        var deliveries = await Eventually.UntilAsync(
            () => host.DeliveriesOfAsync(webhook.Id),
            d => d.Count == 1 && d[0].Status != WebhookDeliveryStatus.Pending,
            $"the delivery to {webhook.Url} to finish");
        return deliveries[0];
    }
}
