using System.Net;
using System.Text.Json;
using WebMacs.AspNetCore.Tests.Support;
using WebMacs.Domain;
using static WebMacs.AspNetCore.Tests.Support.Http;

namespace WebMacs.AspNetCore.Tests.Events;

/// <summary>Routes 17–21 (reference §4.3, §10 items 17–18 and 28–34) over real sockets; run once per store by the subclasses.</summary>
public abstract partial class EventsEndpointsTests(WebMacsHosts hosts, TestStore store) : RouteTestBase(hosts, store)
{
    private const string Path = "/api/v1/events";

    private static string ValidBody(string name, string unit = "°C", string type = "sensor") =>
        JsonSerializer.Serialize(new { name, min_value = -10.5, max_value = 99.25, unit, type });

    [Fact]
    public async Task Create_Operator_Returns201AndStoresTheEventOwnedByTheCaller()
    {
        var (host, callers) = await ArrangeAsync();
        var name = TestData.UniqueName("Temperature Reactor");

        using var response = await callers.OperatorClient.PostRawJsonAsync(Path, ValidBody(name));

        await AssertSuccessAsync(response, HttpStatusCode.Created, "Event successfully created.");
        var stored = await host.FindEventByNameAsync(name);
        Assert.NotNull(stored);
        using var get = await callers.ViewerClient.GetAsync($"{Path}/{stored.PublicId}", Ct);
        var body = await get.ReadJsonAsync();
        Assert.Equal(["max_value", "min_value", "name", "public_id", "type", "unit", "user_public_id"], PropertyNames(body));
        Assert.Equal(stored.PublicId.ToString(), body.GetProperty("public_id").GetString());
        Assert.Equal(name, body.GetProperty("name").GetString());
        Assert.Equal(-10.5, body.GetProperty("min_value").GetDouble());
        Assert.Equal(99.25, body.GetProperty("max_value").GetDouble());
        Assert.Equal("°C", body.GetProperty("unit").GetString());
        Assert.Equal("sensor", body.GetProperty("type").GetString());
        Assert.Equal((await host.GetUserPublicIdAsync(callers.Operator.Id)).ToString(), body.GetProperty("user_public_id").GetString());
    }

    [Theory]
    [InlineData("actuator")]
    [InlineData("range")]
    [InlineData("cmd_button")]
    [InlineData("cmd_opened")]
    [InlineData("cmd_closed")]
    public async Task Create_EveryEventType_IsStoredWithItsWireValue(string type)
    {
        var (host, callers) = await ArrangeAsync();
        var name = TestData.UniqueName(type);

        using var response = await callers.Admin.PostRawJsonAsync(Path, ValidBody(name, type: type));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal(WireEnum<EventType>.Parse(type), (await host.FindEventByNameAsync(name))!.Type);
    }

    [Fact]
    public async Task Create_NumericStringsAndIntegers_AreAcceptedAsNumbers()
    {
        var (host, callers) = await ArrangeAsync();
        var name = TestData.UniqueName("lax");

        using var response = await callers.Admin.PostRawJsonAsync(Path, $$"""{"name":"{{name}}","min_value":"1.5","max_value":7,"unit":"V","type":"sensor","ignored":true}""");

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var stored = await host.FindEventByNameAsync(name);
        Assert.Equal(1.5, stored!.MinValue);
        Assert.Equal(7.0, stored.MaxValue);
    }

    [Fact]
    public async Task Create_DuplicateName_Returns409AndStoresNothing()
    {
        var (host, callers) = await ArrangeAsync();
        var existing = await host.InsertEventAsync();
        var before = await host.CountAsync<Event>();

        using var response = await callers.OperatorClient.PostRawJsonAsync(Path, ValidBody(existing.Name, unit: "other"));

        await response.AssertErrorAsync(HttpStatusCode.Conflict, "Event already exists.");
        Assert.Equal(before, await host.CountAsync<Event>());
        Assert.Equal(existing.Unit, (await host.FindEventAsync(existing.PublicId))!.Unit);
    }

    [Fact]
    public async Task Create_EmptyBody_Returns422ListingEveryMissingField()
    {
        var (_, callers) = await ArrangeAsync();

        using var response = await callers.Admin.PostRawJsonAsync(Path, "{}");

        var errors = await response.AssertValidationErrorAsync();
        Assert.Equal(["body/max_value", "body/min_value", "body/name", "body/type", "body/unit"], errors.Select(Loc).Order(StringComparer.Ordinal));
        Assert.All(errors, e => Assert.Equal("missing", e.GetProperty("type").GetString()));
    }

    [Theory]
    [InlineData("type", "\"foo\"", "enum")]
    [InlineData("unit", "\"\"", "string_too_short")]
    [InlineData("name", "\"\"", "string_too_short")]
    [InlineData("min_value", "\"NaN\"", "finite_number")]
    [InlineData("max_value", "1e999", "finite_number")]
    [InlineData("max_value", "\"Infinity\"", "finite_number")]
    [InlineData("min_value", "\"abc\"", "float_parsing")]
    [InlineData("name", "123", "string_type")]
    [InlineData("type", "null", "enum")]
    public async Task Create_InvalidField_Returns422AtThatField(string field, string json, string type)
    {
        var (host, callers) = await ArrangeAsync();
        var fields = new Dictionary<string, string>
        {
            ["name"] = JsonSerializer.Serialize(TestData.UniqueName("invalid")),
            ["min_value"] = "0",
            ["max_value"] = "1",
            ["unit"] = "\"V\"",
            ["type"] = "\"sensor\"",
        };
        fields[field] = json;
        var before = await host.CountAsync<Event>();

        using var response = await callers.Admin.PostRawJsonAsync(Path, "{" + string.Join(',', fields.Select(f => $"\"{f.Key}\":{f.Value}")) + "}");

        var error = Assert.Single(await response.AssertValidationErrorAsync());
        Assert.Equal($"body/{field}", Loc(error));
        Assert.Equal(type, error.GetProperty("type").GetString());
        Assert.Equal(before, await host.CountAsync<Event>());
    }

    [Fact]
    public async Task Create_TooLongNameOrUnit_Returns422()
    {
        var (_, callers) = await ArrangeAsync();

        using var longName = await callers.Admin.PostRawJsonAsync(Path, ValidBody(new string('n', 256)));
        using var longUnit = await callers.Admin.PostRawJsonAsync(Path, ValidBody(TestData.UniqueName("unit"), unit: new string('u', 256)));
        using var maxName = await callers.Admin.PostRawJsonAsync(Path, ValidBody(new string('n', 255)));

        Assert.Equal("body/name", Loc(Assert.Single(await longName.AssertValidationErrorAsync())));
        Assert.Equal("body/unit", Loc(Assert.Single(await longUnit.AssertValidationErrorAsync())));
        Assert.Equal(HttpStatusCode.Created, maxName.StatusCode);
    }

    [Fact]
    public async Task Get_UnknownId_Returns404WithTheRawId()
    {
        var (_, callers) = await ArrangeAsync();

        using var unknown = await callers.ViewerClient.GetAsync($"{Path}/unknown", Ct);
        using var unknownUuid = await callers.ViewerClient.GetAsync($"{Path}/00000000-0000-4000-8000-000000000000", Ct);

        await unknown.AssertErrorAsync(HttpStatusCode.NotFound, "Event 'unknown' not found.");
        await unknownUuid.AssertErrorAsync(HttpStatusCode.NotFound, "Event '00000000-0000-4000-8000-000000000000' not found.");
    }

    [Fact]
    public async Task List_EveryEvent_IsListedWithItsOwner()
    {
        var (host, callers) = await ArrangeAsync();
        var mine = await host.InsertEventAsync(ownerId: callers.Viewer.Id);

        var all = await ListAllAsync(callers.ViewerClient, Path);

        var item = Assert.Single(all, e => e.GetProperty("public_id").GetString() == mine.PublicId.ToString());
        Assert.Equal((await host.GetUserPublicIdAsync(callers.Viewer.Id)).ToString(), item.GetProperty("user_public_id").GetString());
        Assert.Equal(await host.CountAsync<Event>(), all.Count);
    }

    [Fact]
    public async Task List_PageBounds_FollowTheContract()
    {
        var (host, callers) = await ArrangeAsync();
        await host.InsertEventAsync();

        await AssertPaginationAsync(callers.ViewerClient, Path, host.CountAsync<Event>);
    }
}
