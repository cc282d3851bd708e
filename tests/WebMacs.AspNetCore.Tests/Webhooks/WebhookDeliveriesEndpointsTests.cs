using System.Net;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using WebMacs.AspNetCore.Tests.Datapoints;
using WebMacs.AspNetCore.Tests.Support;
using WebMacs.Domain;
using WebMacs.Persistence;
using WebMacs.Webhooks;
using static WebMacs.AspNetCore.Tests.Support.Http;

namespace WebMacs.AspNetCore.Tests.Webhooks;

/// <summary>GET /webhooks/{id}/deliveries (route 45, §10 item 60) and the outbox that fills it (§6.3), on both stores.</summary>
public sealed partial class WebhookDeliveriesEndpointsTests(WebMacsHosts hosts) : IClassFixture<WebMacsHosts>
{
    private static readonly DateTime T0 = new(2026, 2, 14, 10, 0, 0, DateTimeKind.Utc);

    [Theory]
    [MemberData(nameof(TestStores.All), MemberType = typeof(TestStores))]
    public async Task Deliveries_NewestFirstWithTheContractShape(TestStore store)
    {
        var host = await hosts.GetAsync(store);
        using var client = host.CreateClient(await host.LoginAsync());
        var webhook = await host.InsertWebhookAsync("""["sensor.reading"]""");
        var other = await host.InsertWebhookAsync("""["sensor.reading"]""");
        var delivered = WebhookData.Delivery(webhook, WebhookDeliveryStatus.Delivered, T0.AddSeconds(2).AddTicks(5), "experiment.started");
        delivered.Attempts = 1;
        delivered.ResponseCode = 200;
        delivered.DeliveredOn = T0.AddSeconds(3);
        var dead = WebhookData.Delivery(webhook, WebhookDeliveryStatus.DeadLetter, T0.AddSeconds(1));
        dead.Attempts = 3;
        dead.ResponseCode = 500;
        dead.LastError = "HTTP 500";
        var pending = WebhookData.Delivery(webhook, WebhookDeliveryStatus.Pending, T0);
        await host.InsertDeliveriesAsync(pending, delivered, dead, WebhookData.Delivery(other, WebhookDeliveryStatus.Pending, T0));

        var page = await (await client.GetAsync($"/api/v1/webhooks/{webhook.PublicId}/deliveries", Ct)).ReadJsonAsync();

        Assert.Equal(["data", "page", "page_size", "total"], PropertyNames(page));
        Assert.Equal(3, page.GetProperty("total").GetInt32());
        var data = page.GetProperty("data").EnumerateArray().ToArray();
        Assert.Equal([delivered.PublicId.ToString(), dead.PublicId.ToString(), pending.PublicId.ToString()], data.Select(d => d.GetProperty("public_id").GetString()));
        Assert.Equal(["attempts", "created_on", "delivered_on", "event_type", "last_error", "public_id", "response_code", "status"], PropertyNames(data[0]));
        Assert.Equal("delivered", data[0].GetProperty("status").GetString());
        Assert.Equal("experiment.started", data[0].GetProperty("event_type").GetString());
        Assert.Equal(1, data[0].GetProperty("attempts").GetInt32());
        Assert.Equal(200, data[0].GetProperty("response_code").GetInt32());
        Assert.Equal("2026-02-14T10:00:03Z", data[0].GetProperty("delivered_on").GetString());
        Assert.Equal("dead_letter", data[1].GetProperty("status").GetString());
        Assert.Equal("HTTP 500", data[1].GetProperty("last_error").GetString());
        Assert.Equal("pending", data[2].GetProperty("status").GetString());
        Assert.Equal(System.Text.Json.JsonValueKind.Null, data[2].GetProperty("response_code").ValueKind);
        Assert.Equal(System.Text.Json.JsonValueKind.Null, data[2].GetProperty("delivered_on").ValueKind);
        Assert.Equal("2026-02-14T10:00:00Z", data[2].GetProperty("created_on").GetString());
    }

    [Theory]
    [MemberData(nameof(TestStores.All), MemberType = typeof(TestStores))]
    public async Task Deliveries_StatusFilterAndPagination(TestStore store)
    {
        var host = await hosts.GetAsync(store);
        using var client = host.CreateClient(await host.LoginAsync());
        var webhook = await host.InsertWebhookAsync("""["sensor.reading"]""");
        await host.InsertDeliveriesAsync(
            WebhookData.Delivery(webhook, WebhookDeliveryStatus.Delivered, T0),
            WebhookData.Delivery(webhook, WebhookDeliveryStatus.Pending, T0.AddSeconds(1)),
            WebhookData.Delivery(webhook, WebhookDeliveryStatus.Delivered, T0.AddSeconds(2)),
            WebhookData.Delivery(webhook, WebhookDeliveryStatus.DeadLetter, T0.AddSeconds(3)));
        var path = $"/api/v1/webhooks/{webhook.PublicId}/deliveries";

        var delivered = await (await client.GetAsync($"{path}?status=delivered", Ct)).ReadJsonAsync();
        var failed = await (await client.GetAsync($"{path}?status=failed", Ct)).ReadJsonAsync();
        var secondPage = await (await client.GetAsync($"{path}?page=2&page_size=3", Ct)).ReadJsonAsync();
        var pastEnd = await (await client.GetAsync($"{path}?page=3&page_size=3&status=delivered", Ct)).ReadJsonAsync();

        Assert.Equal(2, delivered.GetProperty("total").GetInt32());
        Assert.All(delivered.GetProperty("data").EnumerateArray(), d => Assert.Equal("delivered", d.GetProperty("status").GetString()));
        Assert.Equal(0, failed.GetProperty("total").GetInt32());
        Assert.Equal("delivered", Assert.Single(secondPage.GetProperty("data").EnumerateArray()).GetProperty("status").GetString());
        Assert.Equal(4, secondPage.GetProperty("total").GetInt32());
        Assert.Empty(pastEnd.GetProperty("data").EnumerateArray());
        Assert.Equal(2, pastEnd.GetProperty("total").GetInt32());
    }

    [Theory]
    [MemberData(nameof(TestStores.All), MemberType = typeof(TestStores))]
    public async Task Deliveries_UnknownStatusOrBadPage_Returns422AndUnknownWebhook404(TestStore store)
    {
        var host = await hosts.GetAsync(store);
        using var client = host.CreateClient(await host.LoginAsync());
        var webhook = await host.InsertWebhookAsync("""["sensor.reading"]""");

        using var unknownStatus = await client.GetAsync($"/api/v1/webhooks/{webhook.PublicId}/deliveries?status=bogus", Ct);
        using var tooLarge = await client.GetAsync($"/api/v1/webhooks/{webhook.PublicId}/deliveries?page_size=101", Ct);
        using var zero = await client.GetAsync($"/api/v1/webhooks/{webhook.PublicId}/deliveries?page=0", Ct);
        using var unknownWebhook = await client.GetAsync("/api/v1/webhooks/nonexistent/deliveries", Ct);

        var error = Assert.Single(await unknownStatus.AssertValidationErrorAsync());
        Assert.Equal("query/status", Loc(error));
        Assert.Equal("enum", error.GetProperty("type").GetString());
        Assert.Equal("query/page_size", Loc(Assert.Single(await tooLarge.AssertValidationErrorAsync())));
        Assert.Equal("query/page", Loc(Assert.Single(await zero.AssertValidationErrorAsync())));
        await unknownWebhook.AssertErrorAsync(HttpStatusCode.NotFound, "Webhook 'nonexistent' not found.");
    }

    [Theory]
    [MemberData(nameof(TestStores.All), MemberType = typeof(TestStores))]
    public async Task Outbox_Enqueue_AddsOnePendingDeliveryPerEnabledSubscriber(TestStore store)
    {
        await using var host = await hosts.StartAsync(store, new Dictionary<string, string?>());
        using var client = host.CreateClient(await host.LoginAsync());
        var subscriber = await host.InsertWebhookAsync("""["experiment.started"]""");
        var both = await host.InsertWebhookAsync("""["sensor.reading", "experiment.started"]""");
        var otherType = await host.InsertWebhookAsync("""["sensor.reading"]""");
        var disabled = await host.InsertWebhookAsync("""["experiment.started"]""", enabled: false);
        var unreadable = await host.InsertWebhookAsync("not json");

        await using (var scope = host.Services.CreateAsyncScope())
        {
            var outbox = scope.ServiceProvider.GetRequiredService<WebhookOutbox>();
            var count = await outbox.EnqueueAsync(WebhookEventType.ExperimentStarted, [new("experiment", "Versuch – ä \"1\"")], Ct);
            await scope.ServiceProvider.GetRequiredService<WebMacsDbContext>().SaveChangesAsync(Ct);
            Assert.Equal(2, count);
        }

        foreach (var webhook in new[] { subscriber, both })
        {
            var delivery = Assert.Single(await host.DeliveriesOfAsync(webhook.Id));
            Assert.Equal(WebhookDeliveryStatus.Pending, delivery.Status);
            Assert.Equal(0, delivery.Attempts);
            Assert.Equal("experiment.started", delivery.EventType);
            Assert.Matches(PayloadPattern(), delivery.Payload);
            var listed = await (await client.GetAsync($"/api/v1/webhooks/{webhook.PublicId}/deliveries?status=pending", Ct)).ReadJsonAsync();
            var shown = Assert.Single(listed.GetProperty("data").EnumerateArray());
            Assert.Equal(delivery.PublicId.ToString(), shown.GetProperty("public_id").GetString());
            Assert.Equal(0, shown.GetProperty("attempts").GetInt32());
        }

        foreach (var webhook in new[] { otherType, disabled, unreadable })
        {
            Assert.Empty(await host.DeliveriesOfAsync(webhook.Id));
        }
    }

    // Python json.dumps: ", " and ": " separators, non-ASCII as \uXXXX, time as isoformat() with +00:00.
    [GeneratedRegex("""^\{"type": "experiment\.started", "time": "\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d{6})?\+00:00", "experiment": "Versuch \\u2013 \\u00e4 \\"1\\""\}$""")]
    private static partial Regex PayloadPattern();
}
