using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using WebMacs.AspNetCore.Tests.Datapoints;
using WebMacs.AspNetCore.Tests.Support;
using WebMacs.Domain;
using WebMacs.Testing.Hosting;
using static WebMacs.AspNetCore.Tests.Support.Http;

namespace WebMacs.AspNetCore.Tests.Rules;

/// <summary>POST, GET and DELETE /rules (routes 46–48, 50, §10 items 62–63) on both stores.</summary>
public sealed class RulesEndpointsTests(WebMacsHosts hosts) : IClassFixture<WebMacsHosts>
{
    internal const string RulesPath = "/api/v1/rules";

    [Theory]
    [MemberData(nameof(TestStores.All), MemberType = typeof(TestStores))]
    public async Task Create_Valid_Returns201AndGetShowsTheRule(TestStore store)
    {
        var host = await hosts.GetAsync(store);
        var operatorUser = await host.CreateUserAsync(UserRole.Operator);
        using var client = host.CreateClient(operatorUser.Token);
        var target = await host.CreateEventAsync();
        var name = NewName();

        using var created = await client.PostRawJsonAsync(RulesPath, $$"""
            {"name": "{{name}}", "event_public_id": "{{target.Public}}", "operator": "between", "threshold": "10", "threshold_high": 20.5,
             "action_type": "webhook", "webhook_event_type": "sensor.reading", "enabled": false, "cooldown_seconds": 0}
            """);
        var stored = await FindAsync(host, name);
        var rule = await (await client.GetAsync($"{RulesPath}/{stored!.PublicId}", Ct)).ReadJsonAsync();

        await DatapointsIngestionEndpointsTests.AssertStatusAsync(created, HttpStatusCode.Created, "Rule successfully created.");
        Assert.Equal(
            ["action_type", "cooldown_seconds", "created_on", "enabled", "event_public_id", "last_triggered_at", "name", "operator", "public_id", "threshold",
             "threshold_high", "user_public_id", "webhook_event_type"],
            PropertyNames(rule));
        Assert.Equal(stored.PublicId.ToString(), rule.GetProperty("public_id").GetString());
        Assert.Equal(name, rule.GetProperty("name").GetString());
        Assert.Equal(target.Public, rule.GetProperty("event_public_id").GetString());
        Assert.Equal("between", rule.GetProperty("operator").GetString());
        Assert.Equal(10, rule.GetProperty("threshold").GetDouble());
        Assert.Equal(20.5, rule.GetProperty("threshold_high").GetDouble());
        Assert.Equal("webhook", rule.GetProperty("action_type").GetString());
        Assert.Equal("sensor.reading", rule.GetProperty("webhook_event_type").GetString());
        Assert.False(rule.GetProperty("enabled").GetBoolean());
        Assert.Equal(0, rule.GetProperty("cooldown_seconds").GetInt32());
        Assert.Equal(JsonValueKind.Null, rule.GetProperty("last_triggered_at").ValueKind);
        Assert.EndsWith("Z", rule.GetProperty("created_on").GetString(), StringComparison.Ordinal);
        var me = await (await client.GetAsync(MePath, Ct)).ReadJsonAsync();
        Assert.Equal(me.GetProperty("public_id").GetString(), rule.GetProperty("user_public_id").GetString());
    }

    [Theory]
    [MemberData(nameof(TestStores.All), MemberType = typeof(TestStores))]
    public async Task Create_OmittedOptionalFields_GetTheDefaults(TestStore store)
    {
        var host = await hosts.GetAsync(store);
        using var client = host.CreateClient(await host.LoginAsync());
        var target = await host.CreateEventAsync();
        var name = NewName();

        using var created = await client.PostRawJsonAsync(RulesPath, Body(name, target, "gt", 100));
        var rule = await (await client.GetAsync($"{RulesPath}/{(await FindAsync(host, name))!.PublicId}", Ct)).ReadJsonAsync();

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.True(rule.GetProperty("enabled").GetBoolean());
        Assert.Equal(60, rule.GetProperty("cooldown_seconds").GetInt32());
        Assert.Equal(JsonValueKind.Null, rule.GetProperty("threshold_high").ValueKind);
        Assert.Equal(JsonValueKind.Null, rule.GetProperty("webhook_event_type").ValueKind);
        Assert.Equal("log", rule.GetProperty("action_type").GetString());
    }

    [Theory]
    [MemberData(nameof(TestStores.All), MemberType = typeof(TestStores))]
    public async Task Create_UnknownEventCheckedFirst_DuplicateName409(TestStore store)
    {
        var host = await hosts.GetAsync(store);
        using var client = host.CreateClient(await host.LoginAsync());
        var target = await host.CreateEventAsync();
        var name = NewName();

        using var first = await client.PostRawJsonAsync(RulesPath, Body(name, target, "lt", 1));
        using var duplicate = await client.PostRawJsonAsync(RulesPath, Body(name, target, "gte", 2));
        using var duplicateUnknownEvent = await client.PostRawJsonAsync(RulesPath, Body(name, new TestEvent(0, Guid.NewGuid()), "gt", 1));
        using var notUuid = await client.PostRawJsonAsync(RulesPath, Body(NewName(), target, "gt", 1).Replace(target.Public, "not-a-uuid", StringComparison.Ordinal));

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        await duplicate.AssertErrorAsync(HttpStatusCode.Conflict, "Rule already exists.");
        await duplicateUnknownEvent.AssertErrorAsync(HttpStatusCode.NotFound, "Event not found.");
        await notUuid.AssertErrorAsync(HttpStatusCode.NotFound, "Event not found.");
    }

    [Theory]
    [InlineData("between", null, "Value error, threshold_high is required for between/not_between operators")]
    [InlineData("not_between", null, "Value error, threshold_high is required for between/not_between operators")]
    [InlineData("between", 9.5, "Value error, threshold_high must be >= threshold")]
    [InlineData("not_between", -1.0, "Value error, threshold_high must be >= threshold")]
    public async Task Create_BetweenWithoutValidHigh_Returns422AtTheBody(string op, double? high, string message)
    {
        var host = await hosts.GetAsync(TestStore.Sqlite);
        using var client = host.CreateClient(await host.LoginAsync());
        var target = await host.CreateEventAsync();

        using var response = await client.PostRawJsonAsync(RulesPath, Body(NewName(), target, op, 10, high));

        var error = Assert.Single(await response.AssertValidationErrorAsync());
        Assert.Equal("body", Loc(error));
        Assert.Equal("value_error", error.GetProperty("type").GetString());
        Assert.Equal(message, error.GetProperty("msg").GetString());
    }

    [Theory]
    [InlineData("between", 10.0)]
    [InlineData("gt", 5.0)]
    [InlineData("lt", null)]
    public async Task Create_ThresholdsAcceptedByTheSchema_Return201(string op, double? high)
    {
        var host = await hosts.GetAsync(TestStore.Sqlite);
        using var client = host.CreateClient(await host.LoginAsync());
        var target = await host.CreateEventAsync();

        // Only between/not_between are cross-checked on create: "gt" with a lower threshold_high is stored.
        using var response = await client.PostRawJsonAsync(RulesPath, Body(NewName(), target, op, 10, high));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }

    [Theory]
    [InlineData("""{"operator": "gt", "threshold": 1, "action_type": "log"}""", "body/event_public_id", "missing")]
    [InlineData("""{"event_public_id": "x", "operator": "foo", "threshold": 1, "action_type": "log"}""", "body/operator", "enum")]
    [InlineData("""{"event_public_id": "x", "operator": "gt", "threshold": "abc", "action_type": "log"}""", "body/threshold", "float_parsing")]
    [InlineData("""{"event_public_id": "x", "operator": "gt", "threshold": 1, "action_type": "email"}""", "body/action_type", "enum")]
    [InlineData("""{"event_public_id": "x", "operator": "gt", "threshold": 1, "action_type": "log", "webhook_event_type": "x.y"}""", "body/webhook_event_type", "enum")]
    [InlineData("""{"event_public_id": "x", "operator": "gt", "threshold": 1, "action_type": "log", "cooldown_seconds": -1}""", "body/cooldown_seconds", "greater_than_equal")]
    [InlineData("""{"event_public_id": "x", "operator": "gt", "threshold": 1, "action_type": "log", "cooldown_seconds": null}""", "body/cooldown_seconds", "int_type")]
    [InlineData("""{"event_public_id": "x", "operator": "gt", "threshold": 1, "action_type": "log", "enabled": null}""", "body/enabled", "bool_type")]
    [InlineData("""{"event_public_id": "x", "operator": "gt", "threshold": 1e999, "action_type": "log"}""", "body/threshold", "finite_number")]
    [InlineData("""{"event_public_id": "x", "operator": "between", "threshold": 1, "threshold_high": "NaN", "action_type": "log"}""", "body/threshold_high", "finite_number")]
    public async Task Create_InvalidField_Returns422AtTheField(string fields, string loc, string type)
    {
        var host = await hosts.GetAsync(TestStore.Sqlite);
        using var client = host.CreateClient(await host.LoginAsync());
        var body = JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(fields)!;
        body["name"] = JsonSerializer.SerializeToElement(NewName());

        using var response = await client.PostRawJsonAsync(RulesPath, JsonSerializer.Serialize(body));

        var error = Assert.Single(await response.AssertValidationErrorAsync());
        Assert.Equal(loc, Loc(error));
        Assert.Equal(type, error.GetProperty("type").GetString());
    }

    [Fact]
    public async Task Create_NameLength_IsEnforced()
    {
        var host = await hosts.GetAsync(TestStore.Sqlite);
        using var client = host.CreateClient(await host.LoginAsync());
        var target = await host.CreateEventAsync();

        using var empty = await client.PostRawJsonAsync(RulesPath, Body(string.Empty, target, "gt", 1));
        using var tooLong = await client.PostRawJsonAsync(RulesPath, Body(new string('r', 256), target, "gt", 1));
        using var longest = await client.PostRawJsonAsync(RulesPath, Body(new string('r', 255), target, "gt", 1));

        Assert.Equal("body/name", Loc(Assert.Single(await empty.AssertValidationErrorAsync())));
        Assert.Equal("body/name", Loc(Assert.Single(await tooLong.AssertValidationErrorAsync())));
        Assert.Equal(HttpStatusCode.Created, longest.StatusCode);
    }

    [Theory]
    [MemberData(nameof(TestStores.All), MemberType = typeof(TestStores))]
    public async Task Delete_ThenGet_Returns404(TestStore store)
    {
        var host = await hosts.GetAsync(store);
        using var client = host.CreateClient(await host.LoginAsync());
        var target = await host.CreateEventAsync();
        var name = NewName();
        await client.PostRawJsonAsync(RulesPath, Body(name, target, "eq", 1));
        var path = $"{RulesPath}/{(await FindAsync(host, name))!.PublicId}";

        using var deleted = await client.DeleteAsync(path, Ct);
        using var gone = await client.GetAsync(path, Ct);
        using var again = await client.DeleteAsync(path, Ct);
        using var unknown = await client.GetAsync($"{RulesPath}/nonexistent", Ct);

        await DatapointsIngestionEndpointsTests.AssertStatusAsync(deleted, HttpStatusCode.OK, "Rule successfully deleted.");
        await gone.AssertErrorAsync(HttpStatusCode.NotFound, $"Rule '{path[(RulesPath.Length + 1)..]}' not found.");
        await again.AssertErrorAsync(HttpStatusCode.NotFound, $"Rule '{path[(RulesPath.Length + 1)..]}' not found.");
        await unknown.AssertErrorAsync(HttpStatusCode.NotFound, "Rule 'nonexistent' not found.");
    }

    [Theory]
    [MemberData(nameof(TestStores.All), MemberType = typeof(TestStores))]
    public async Task List_Paginates_AndShowsEveryRule(TestStore store)
    {
        await using var host = await hosts.StartAsync(store, new Dictionary<string, string?>());
        using var client = host.CreateClient(await host.LoginAsync());
        var target = await host.CreateEventAsync();
        var names = new[] { NewName(), NewName(), NewName() };
        foreach (var name in names)
        {
            Assert.Equal(HttpStatusCode.Created, (await client.PostRawJsonAsync(RulesPath, Body(name, target, "gt", 1))).StatusCode);
        }

        var all = await (await client.GetAsync(RulesPath, Ct)).ReadJsonAsync();
        var second = await (await client.GetAsync($"{RulesPath}?page=2&page_size=2", Ct)).ReadJsonAsync();
        var past = await (await client.GetAsync($"{RulesPath}?page=3&page_size=2", Ct)).ReadJsonAsync();
        using var tooLarge = await client.GetAsync($"{RulesPath}?page_size=101", Ct);
        using var zero = await client.GetAsync($"{RulesPath}?page=0", Ct);

        Assert.Equal(["data", "page", "page_size", "total"], PropertyNames(all));
        Assert.Equal(3, all.GetProperty("total").GetInt32());
        Assert.Equal(names, all.GetProperty("data").EnumerateArray().Select(r => r.GetProperty("name").GetString()));
        Assert.Equal(names[2], Assert.Single(second.GetProperty("data").EnumerateArray()).GetProperty("name").GetString());
        Assert.Empty(past.GetProperty("data").EnumerateArray());
        Assert.Equal(3, past.GetProperty("total").GetInt32());
        Assert.Equal("query/page_size", Loc(Assert.Single(await tooLarge.AssertValidationErrorAsync())));
        Assert.Equal("query/page", Loc(Assert.Single(await zero.AssertValidationErrorAsync())));
    }

    [Theory]
    [MemberData(nameof(TestStores.All), MemberType = typeof(TestStores))]
    public async Task DeletingTheEvent_RemovesItsRules(TestStore store)
    {
        var host = await hosts.GetAsync(store);
        using var client = host.CreateClient(await host.LoginAsync());
        var target = await host.CreateEventAsync();
        var name = NewName();
        await client.PostRawJsonAsync(RulesPath, Body(name, target, "gt", 1));

        await host.WithDbAsync(db => db.Events.Where(e => e.Id == target.Id).ExecuteDeleteAsync(Ct));

        Assert.Null(await FindAsync(host, name));
    }

    internal static string NewName() => $"rule-{Guid.NewGuid():N}";

    internal static string Body(string name, TestEvent target, string op, double threshold, double? high = null) =>
        JsonSerializer.Serialize(new Dictionary<string, object?>
        {
            ["name"] = name,
            ["event_public_id"] = target.Public,
            ["operator"] = op,
            ["threshold"] = threshold,
            ["threshold_high"] = high,
            ["action_type"] = "log",
        });

    internal static Task<Rule?> FindAsync(WebMacsTestHost host, string name) =>
        host.WithDbAsync(db => db.Rules.AsNoTracking().FirstOrDefaultAsync(r => r.Name == name, Ct));

    internal static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");
}
