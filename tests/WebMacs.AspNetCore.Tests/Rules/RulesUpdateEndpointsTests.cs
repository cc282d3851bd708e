using System.Net;
using System.Text.Json;
using WebMacs.AspNetCore.Tests.Datapoints;
using WebMacs.AspNetCore.Tests.Support;
using WebMacs.Domain;
using WebMacs.Testing.Hosting;
using static WebMacs.AspNetCore.Tests.Rules.RulesEndpointsTests;
using static WebMacs.AspNetCore.Tests.Support.Http;

namespace WebMacs.AspNetCore.Tests.Rules;

/// <summary>PUT /rules/{id} (route 49, §10 item 66): partial merge and the merged threshold checks, on both stores.</summary>
public sealed class RulesUpdateEndpointsTests(WebMacsHosts hosts) : IClassFixture<WebMacsHosts>
{
    [Theory]
    [MemberData(nameof(TestStores.All), MemberType = typeof(TestStores))]
    public async Task Update_PartialFields_AppliesOnlyThose(TestStore store)
    {
        var (host, client, rule, _) = await ArrangeAsync(store, "gt", 10);
        var renamed = NewName();
        var other = await host.CreateEventAsync();

        using var response = await client.PutAsync($"{RulesPath}/{rule.PublicId}", Json($$"""
            {"name": "{{renamed}}", "enabled": "false", "cooldown_seconds": "5", "webhook_event_type": "experiment.stopped", "action_type": "webhook",
             "event_public_id": "{{other.Public}}", "unknown": 1}
            """), Ct);
        var shown = await (await client.GetAsync($"{RulesPath}/{rule.PublicId}", Ct)).ReadJsonAsync();

        await DatapointsIngestionEndpointsTests.AssertStatusAsync(response, HttpStatusCode.OK, "Rule successfully updated.");
        Assert.Equal(renamed, shown.GetProperty("name").GetString());
        Assert.False(shown.GetProperty("enabled").GetBoolean());
        Assert.Equal(5, shown.GetProperty("cooldown_seconds").GetInt32());
        Assert.Equal("experiment.stopped", shown.GetProperty("webhook_event_type").GetString());
        Assert.Equal("webhook", shown.GetProperty("action_type").GetString());
        Assert.Equal(other.Public, shown.GetProperty("event_public_id").GetString());
        Assert.Equal("gt", shown.GetProperty("operator").GetString());
        Assert.Equal(10, shown.GetProperty("threshold").GetDouble());
    }

    [Theory]
    [MemberData(nameof(TestStores.All), MemberType = typeof(TestStores))]
    public async Task Update_OperatorBetweenWithoutStoredHigh_Returns422StringDetail(TestStore store)
    {
        var (host, client, rule, name) = await ArrangeAsync(store, "gt", 10);

        using var response = await client.PutAsync($"{RulesPath}/{rule.PublicId}", Json("""{"operator": "between"}"""), Ct);

        await response.AssertErrorAsync(HttpStatusCode.UnprocessableEntity, "threshold_high required for between/not_between operators");
        Assert.Equal(RuleOperator.Gt, (await FindAsync(host, name))!.Operator);
    }

    [Theory]
    [MemberData(nameof(TestStores.All), MemberType = typeof(TestStores))]
    public async Task Update_HighBelowMergedThreshold_Returns422StringDetailForAnyOperator(TestStore store)
    {
        var (_, client, rule, _) = await ArrangeAsync(store, "gt", 10);

        using var lowHigh = await client.PutAsync($"{RulesPath}/{rule.PublicId}", Json("""{"threshold_high": 5}"""), Ct);
        using var raisedThreshold = await client.PutAsync($"{RulesPath}/{rule.PublicId}", Json("""{"threshold_high": 15}"""), Ct);
        using var aboveHigh = await client.PutAsync($"{RulesPath}/{rule.PublicId}", Json("""{"threshold": 20}"""), Ct);

        await lowHigh.AssertErrorAsync(HttpStatusCode.UnprocessableEntity, "threshold_high must be >= threshold");
        Assert.Equal(HttpStatusCode.OK, raisedThreshold.StatusCode);
        await aboveHigh.AssertErrorAsync(HttpStatusCode.UnprocessableEntity, "threshold_high must be >= threshold");
    }

    [Theory]
    [InlineData("""{"operator": "between", "threshold": 10}""", "Value error, threshold_high is required for between/not_between operators")]
    [InlineData("""{"operator": "not_between", "threshold": 10, "threshold_high": null}""", "Value error, threshold_high is required for between/not_between operators")]
    [InlineData("""{"operator": "between", "threshold": 10, "threshold_high": 5}""", "Value error, threshold_high must be >= threshold")]
    public async Task Update_OperatorAndThresholdSent_SchemaCheckAnswers422List(string body, string message)
    {
        var (_, client, rule, _) = await ArrangeAsync(TestStore.Sqlite, "between", 1, 100);

        using var response = await client.PutAsync($"{RulesPath}/{rule.PublicId}", Json(body), Ct);

        var error = Assert.Single(await response.AssertValidationErrorAsync());
        Assert.Equal("body", Loc(error));
        Assert.Equal(message, error.GetProperty("msg").GetString());
    }

    [Theory]
    [MemberData(nameof(TestStores.All), MemberType = typeof(TestStores))]
    public async Task Update_NullThresholdHigh_ClearsItUnlessTheOperatorNeedsIt(TestStore store)
    {
        var (host, client, rule, name) = await ArrangeAsync(store, "between", 10, 20);

        using var refused = await client.PutAsync($"{RulesPath}/{rule.PublicId}", Json("""{"threshold_high": null}"""), Ct);
        using var cleared = await client.PutAsync($"{RulesPath}/{rule.PublicId}", Json("""{"operator": "gt", "threshold_high": null, "webhook_event_type": null}"""), Ct);
        using var between = await client.PutAsync($"{RulesPath}/{rule.PublicId}", Json("""{"operator": "not_between", "threshold_high": 30}"""), Ct);

        await refused.AssertErrorAsync(HttpStatusCode.UnprocessableEntity, "threshold_high required for between/not_between operators");
        Assert.Equal(HttpStatusCode.OK, cleared.StatusCode);
        Assert.Equal(HttpStatusCode.OK, between.StatusCode);
        var stored = (await FindAsync(host, name))!;
        Assert.Equal(RuleOperator.NotBetween, stored.Operator);
        Assert.Equal(30, stored.ThresholdHigh);
        Assert.Null(stored.WebhookEventType);
    }

    [Theory]
    [MemberData(nameof(TestStores.All), MemberType = typeof(TestStores))]
    public async Task Update_ExplicitNullOnRequiredColumn_Returns409(TestStore store)
    {
        var (host, client, rule, name) = await ArrangeAsync(store, "gt", 10);

        foreach (var field in new[] { "name", "event_public_id", "operator", "threshold", "action_type", "enabled", "cooldown_seconds" })
        {
            using var response = await client.PutAsync($"{RulesPath}/{rule.PublicId}", Json($$"""{"{{field}}": null}"""), Ct);
            await response.AssertErrorAsync(HttpStatusCode.Conflict, "Rule already exists.");
        }

        Assert.Equal(name, (await FindAsync(host, name))!.Name);
    }

    [Theory]
    [MemberData(nameof(TestStores.All), MemberType = typeof(TestStores))]
    public async Task Update_Conflicts_NameTaken409UnknownEvent404UnknownRule404(TestStore store)
    {
        var (host, client, rule, _) = await ArrangeAsync(store, "gt", 10);
        var (_, _, _, otherName) = await ArrangeAsync(store, "lt", 1);

        using var taken = await client.PutAsync($"{RulesPath}/{rule.PublicId}", Json($$"""{"name": "{{otherName}}"}"""), Ct);
        using var unknownEvent = await client.PutAsync($"{RulesPath}/{rule.PublicId}", Json($$"""{"event_public_id": "{{Guid.NewGuid()}}"}"""), Ct);
        using var unknownRule = await client.PutAsync($"{RulesPath}/nonexistent", Json("""{"enabled": true}"""), Ct);
        using var invalid = await client.PutAsync($"{RulesPath}/nonexistent", Json("""{"cooldown_seconds": -1, "name": "", "operator": "ge"}"""), Ct);

        await taken.AssertErrorAsync(HttpStatusCode.Conflict, "Rule already exists.");
        await unknownEvent.AssertErrorAsync(HttpStatusCode.NotFound, "Event not found.");
        await unknownRule.AssertErrorAsync(HttpStatusCode.NotFound, "Rule 'nonexistent' not found.");
        Assert.Equal(["body/cooldown_seconds", "body/name", "body/operator"], (await invalid.AssertValidationErrorAsync()).Select(Loc).Order(StringComparer.Ordinal));
        Assert.NotNull(await FindAsync(host, otherName));
    }

    [Theory]
    [MemberData(nameof(TestStores.All), MemberType = typeof(TestStores))]
    public async Task WriteRoutes_MalformedBodies_AlwaysAnswer4xx(TestStore store)
    {
        var (host, client, rule, _) = await ArrangeAsync(store, "gt", 10);

        await MalformedBodies.AssertAlways4xxAsync(host, client, HttpMethod.Post, RulesPath,
            """{"name": %V%, "event_public_id": "x", "operator": "gt", "threshold": 1, "action_type": "log", "cooldown_seconds": -1}""",
            """{"name": "n", "event_public_id": %V%, "operator": "gt", "threshold": 1, "action_type": "log"}""",
            """{"name": "n", "event_public_id": "x", "operator": %V%, "threshold": 1, "action_type": %V%}""",
            """{"name": "n", "event_public_id": "x", "operator": "between", "threshold": %V%, "threshold_high": %V%, "action_type": "log"}""",
            """{"name": "n", "event_public_id": "x", "operator": "gt", "threshold": 1, "action_type": "log", "enabled": %V%, "cooldown_seconds": %V%, "webhook_event_type": %V%}""");
        await MalformedBodies.AssertAlways4xxAsync(host, client, HttpMethod.Put, $"{RulesPath}/{Guid.NewGuid()}",
            """{"name": %V%}""", """{"threshold": %V%, "threshold_high": %V%}""", """{"operator": %V%}""", """{"enabled": %V%, "cooldown_seconds": %V%}""");
        await MalformedBodies.AssertAlways4xxAsync(host, client, HttpMethod.Put, $"{RulesPath}/{rule.PublicId}",
            """{"name": %V%, "cooldown_seconds": -1}""", """{"threshold": %V%, "operator": "nope"}""", """{"threshold_high": %V%, "action_type": 1}""",
            """{"event_public_id": %V%, "enabled": "maybe"}""", """{"webhook_event_type": %V%, "name": ""}""");

        using var list = await client.GetAsync($"{RulesPath}?page_size=100", Ct);
        Assert.Equal(HttpStatusCode.OK, list.StatusCode);
    }

    private async Task<(WebMacsTestHost Host, HttpClient Client, Rule Rule, string Name)> ArrangeAsync(TestStore store, string op, double threshold, double? high = null)
    {
        var host = await hosts.GetAsync(store);
        var client = host.CreateClient(await host.LoginAsync());
        var target = await host.CreateEventAsync();
        var name = NewName();
        var body = JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(Body(name, target, op, threshold, high))!;
        body["webhook_event_type"] = JsonSerializer.SerializeToElement("sensor.threshold_exceeded");
        using var created = await client.PostRawJsonAsync(RulesPath, JsonSerializer.Serialize(body));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        return (host, client, (await FindAsync(host, name))!, name);
    }
}
