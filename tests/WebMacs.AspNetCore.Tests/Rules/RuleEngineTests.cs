using Microsoft.Extensions.DependencyInjection;
using WebMacs.AspNetCore.Tests.Datapoints;
using WebMacs.AspNetCore.Tests.Support;
using WebMacs.AspNetCore.Tests.Webhooks;
using WebMacs.AspNetCore.Tests.WebSockets;
using WebMacs.Domain;
using WebMacs.Testing.Hosting;
using WebMacs.Testing.Postgres;
using static WebMacs.AspNetCore.Tests.Support.Http;

namespace WebMacs.AspNetCore.Tests.Rules;

/// <summary>
/// The rules engine (reference §6.2 with the compat decisions) end to end on both stores: datapoints ingested over the
/// REST batch route or the telemetry socket, rules evaluated on the last committed value of each event, the
/// <c>log</c> action as a warning log entry and the <c>webhook</c> action as a real POST to a loopback receiver.
/// </summary>
public sealed class RuleEngineTests(PostgresServer postgres)
{
    [Theory]
    [MemberData(nameof(TestStores.All), MemberType = typeof(TestStores))]
    public async Task Ingest_EachOperator_FiresOnTheLastValueOfTheBatchAtTheBoundary(TestStore store)
    {
        await using var location = await StoreLocation.CreateAsync(postgres, store);
        await using var host = await location.StartHostAsync(b => b.AddRules());
        using var client = await host.OperatorClientAsync();
        string[] operators = ["gt", "lt", "eq", "gte", "lte", "between", "not_between"];
        var events = new Dictionary<string, TestEvent>();
        var rules = new Dictionary<string, Rule>();
        foreach (var op in operators)
        {
            events[op] = await host.CreateEventAsync($"sensor-{op}-{Guid.NewGuid():N}");
            await host.LinkAsync(events[op]);
            rules[op] = await host.InsertRuleAsync(events[op], WireEnum<RuleOperator>.Parse(op), 10, high: 20);
        }

        // Only the last value of each event counts: 50 would fire gt and not_between, 10 (the boundary) must not.
        await client.PostBatchAsync([.. operators.SelectMany(op => new[] { (50.0, events[op]), (10.0, events[op]) })]);
        await WaitForLogEntriesAsync(host, rules, new() { ["eq"] = 1, ["gte"] = 1, ["lte"] = 1, ["between"] = 1 });
        await AssertLogCountsAsync(host, rules, new() { ["gt"] = 0, ["lt"] = 0, ["eq"] = 1, ["gte"] = 1, ["lte"] = 1, ["between"] = 1, ["not_between"] = 0 });

        // The same through the telemetry socket, just above the high threshold.
        await using (var socket = await WsClient.ConnectAsync(host, WsClient.Telemetry, await host.LoginAsync()))
        {
            var items = string.Join(",", operators.Select(op => $$"""{"value":20.000001,"event_public_id":"{{events[op].Public}}"}"""));
            await socket.SendTextAsync($$"""{"source":"rules-{{Guid.NewGuid():N}}","seq":1,"datapoints":[{{items}}]}""");
            TelemetryFrames.AssertAck(await socket.ReceiveJsonAsync(), 1);
        }

        await WaitForLogEntriesAsync(host, rules, new() { ["gt"] = 1, ["gte"] = 2, ["not_between"] = 1 });
        await AssertLogCountsAsync(host, rules, new() { ["gt"] = 1, ["lt"] = 0, ["eq"] = 1, ["gte"] = 2, ["lte"] = 1, ["between"] = 1, ["not_between"] = 1 });
    }

    [Theory]
    [MemberData(nameof(TestStores.All), MemberType = typeof(TestStores))]
    public async Task LogAction_WritesAWarningNamingTheRuleTheEventAndTheValue(TestStore store)
    {
        await using var location = await StoreLocation.CreateAsync(postgres, store);
        await using var host = await location.StartHostAsync(b => b.AddRules());
        using var client = await host.OperatorClientAsync();
        var eventName = $"boiler-{Guid.NewGuid():N}";
        var sensor = await host.CreateEventAsync(eventName);
        await host.LinkAsync(sensor);
        var rule = await host.InsertRuleAsync(sensor, RuleOperator.Gte, 80, name: $"overheat-{Guid.NewGuid():N}");

        await client.PostBatchAsync((81.25, sensor));

        var entry = Assert.Single(await Eventually.UntilAsync(() => host.LogEntriesOfAsync(rule), l => l.Count > 0, "the rule's log entry"));
        Assert.Equal(LoggingType.Warning, entry.LoggingType);
        Assert.Contains(rule.Name, entry.Content, StringComparison.Ordinal);
        Assert.Contains(eventName, entry.Content, StringComparison.Ordinal);
        Assert.Contains("81.25", entry.Content, StringComparison.Ordinal);
        using var admin = host.CreateClient(await host.LoginAsync());
        var listed = await (await admin.GetAsync("/api/v1/logging?page_size=100", Ct)).ReadJsonAsync();
        var shown = Assert.Single(listed.GetProperty("data").EnumerateArray(), e => e.GetProperty("content").GetString()!.Contains(rule.Name, StringComparison.Ordinal));
        Assert.Equal("warning", shown.GetProperty("logging_type").GetString());
        Assert.NotNull((await host.FindRuleAsync(rule.Id)).LastTriggeredAt);
    }

    [Theory]
    [MemberData(nameof(TestStores.All), MemberType = typeof(TestStores))]
    public async Task Cooldown_TwoMatchingBatches_FiresOnceWhileCooldownZeroFiresEachTime(TestStore store)
    {
        await using var location = await StoreLocation.CreateAsync(postgres, store);
        await using var host = await location.StartHostAsync(b => b.AddRules());
        using var client = await host.OperatorClientAsync();
        var sensor = await host.CreateLinkedEventAsync();
        var cooled = await host.InsertRuleAsync(sensor, RuleOperator.Gt, 10, cooldownSeconds: 3600);
        var everyTime = await host.InsertRuleAsync(sensor, RuleOperator.Gt, 10, cooldownSeconds: 0);
        var before = DateTime.UtcNow.AddSeconds(-1);

        await client.PostBatchAsync((11, sensor));
        await Eventually.UntilAsync(() => host.LogEntriesOfAsync(everyTime), l => l.Count == 1, "the first evaluation");
        await client.PostBatchAsync((12, sensor));
        await Eventually.UntilAsync(() => host.LogEntriesOfAsync(everyTime), l => l.Count == 2, "the second evaluation");

        var once = Assert.Single(await host.LogEntriesOfAsync(cooled));
        Assert.Contains("value 11", once.Content, StringComparison.Ordinal);
        var stored = await host.FindRuleAsync(cooled.Id);
        Assert.NotNull(stored.LastTriggeredAt);
        Assert.True(stored.LastTriggeredAt >= before, $"last_triggered_at {stored.LastTriggeredAt:O} is older than the test");
        using var admin = host.CreateClient(await host.LoginAsync());
        var shown = await (await admin.GetAsync($"/api/v1/rules/{cooled.PublicId}", Ct)).ReadJsonAsync();
        Assert.Equal(System.Text.Json.JsonValueKind.String, shown.GetProperty("last_triggered_at").ValueKind);
    }

    [Theory]
    [MemberData(nameof(TestStores.All), MemberType = typeof(TestStores))]
    public async Task DisabledRule_NeverFires(TestStore store)
    {
        await using var location = await StoreLocation.CreateAsync(postgres, store);
        await using var host = await location.StartHostAsync(b => b.AddRules());
        using var client = await host.OperatorClientAsync();
        var sensor = await host.CreateLinkedEventAsync();
        var disabled = await host.InsertRuleAsync(sensor, RuleOperator.Gt, 10, enabled: false);
        var sentinel = await host.InsertRuleAsync(sensor, RuleOperator.Gt, 10);

        await client.PostBatchAsync((11, sensor));
        await client.PostBatchAsync((12, sensor));
        await Eventually.UntilAsync(() => host.LogEntriesOfAsync(sentinel), l => l.Any(e => e.Content.Contains("value 12", StringComparison.Ordinal)), "the last evaluation");

        Assert.Empty(await host.LogEntriesOfAsync(disabled));
        Assert.Null((await host.FindRuleAsync(disabled.Id)).LastTriggeredAt);
    }

    [Theory]
    [MemberData(nameof(TestStores.All), MemberType = typeof(TestStores))]
    public async Task WebhookAction_PostsThePythonStylePayloadForTheRulesEventType(TestStore store)
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var location = await StoreLocation.CreateAsync(postgres, store);
        await using var host = await location.StartHostAsync(b => b.AddRules().AddWebhooks(Loopback));
        using var client = await host.OperatorClientAsync();
        var sensor = await host.CreateLinkedEventAsync();
        var thresholdUrl = receiver.NewUrl();
        var customUrl = receiver.NewUrl();
        await host.InsertWebhookAsync("""["sensor.threshold_exceeded"]""", url: thresholdUrl);
        await host.InsertWebhookAsync("""["system.health_changed"]""", url: customUrl);
        var byDefault = await host.InsertRuleAsync(sensor, RuleOperator.Gt, 40, action: RuleActionType.Webhook, name: $"hot-{Guid.NewGuid():N}");
        var custom = await host.InsertRuleAsync(sensor, RuleOperator.Lt, 100, action: RuleActionType.Webhook, webhookEventType: "system.health_changed", name: $"cap-{Guid.NewGuid():N}");

        await client.PostBatchAsync((42.5, sensor));

        await Eventually.UntilAsync(() => receiver.RequestsTo(thresholdUrl).Count == 1 && receiver.RequestsTo(customUrl).Count == 1, "both rule webhooks");
        var first = receiver.RequestsTo(thresholdUrl)[0];
        var second = receiver.RequestsTo(customUrl)[0];
        Assert.Equal("POST", first.Method);
        Assert.Matches(
            $"^\\{{\"type\": \"sensor\\.threshold_exceeded\", \"time\": \"{TimePattern}\", \"sensor\": \"{sensor.Public}\", \"value\": 42\\.5, \"rule\": \"{byDefault.Name}\", \"operator\": \"gt\", \"threshold\": 40\\.0\\}}$",
            first.BodyText);
        Assert.Matches(
            $"^\\{{\"type\": \"system\\.health_changed\", \"time\": \"{TimePattern}\", \"sensor\": \"{sensor.Public}\", \"value\": 42\\.5, \"rule\": \"{custom.Name}\", \"operator\": \"lt\", \"threshold\": 100\\.0\\}}$",
            second.BodyText);
        Assert.DoesNotContain("threshold_high", first.BodyText, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(TestStores.All), MemberType = typeof(TestStores))]
    public async Task WithoutAddRules_NoRuleFires(TestStore store)
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var location = await StoreLocation.CreateAsync(postgres, store);
        await using var host = await location.StartHostAsync(b => b.AddWebhooks(Loopback));
        using var client = await host.OperatorClientAsync();
        var sensor = await host.CreateLinkedEventAsync();
        var readingUrl = receiver.NewUrl();
        var thresholdUrl = receiver.NewUrl();
        await host.InsertWebhookAsync("""["sensor.reading"]""", url: readingUrl);
        await host.InsertWebhookAsync("""["sensor.threshold_exceeded"]""", url: thresholdUrl);
        var logRule = await host.InsertRuleAsync(sensor, RuleOperator.Gt, 0);
        var webhookRule = await host.InsertRuleAsync(sensor, RuleOperator.Gt, 0, action: RuleActionType.Webhook);

        await client.PostBatchAsync((5, sensor));

        // The sensor.reading webhook is queued by the same committed-data round that rules would see.
        await Eventually.UntilAsync(() => receiver.RequestsTo(readingUrl).Count == 1, "the sensor.reading webhook");
        Assert.Empty(await host.LogEntriesOfAsync(logRule));
        Assert.Null((await host.FindRuleAsync(logRule.Id)).LastTriggeredAt);
        Assert.Null((await host.FindRuleAsync(webhookRule.Id)).LastTriggeredAt);
        Assert.Empty(receiver.RequestsTo(thresholdUrl));
    }

    internal const string TimePattern = @"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d{6})?\+00:00";

    internal static void Loopback(WebMacs.Webhooks.WebhookOptions o)
    {
        o.AllowedHosts.Add("127.0.0.1");
        o.RetryDelay = TimeSpan.FromMilliseconds(200);
        o.PollInterval = TimeSpan.FromMilliseconds(50);
    }

    private static async Task WaitForLogEntriesAsync(WebMacsTestHost host, Dictionary<string, Rule> rules, Dictionary<string, int> atLeast)
    {
        foreach (var (op, count) in atLeast)
        {
            await Eventually.UntilAsync(() => host.LogEntriesOfAsync(rules[op]), l => l.Count >= count, $"{count} log entries of the {op} rule");
        }
    }

    private static async Task AssertLogCountsAsync(WebMacsTestHost host, Dictionary<string, Rule> rules, Dictionary<string, int> expected)
    {
        var actual = new Dictionary<string, int>();
        foreach (var op in expected.Keys)
        {
            actual[op] = (await host.LogEntriesOfAsync(rules[op])).Count;
        }

        Assert.Equal(expected, actual);
    }
}
