using System.Net;
using System.Text.Json;
using WebMacs.AspNetCore.Tests.Support;
using WebMacs.Domain;
using WebMacs.Testing.Hosting;
using static WebMacs.AspNetCore.Tests.Support.Http;

namespace WebMacs.AspNetCore.Tests.Datapoints;

/// <summary>POST /datapoints and POST /datapoints/batch (routes 30–31, ingestion §6.1, §10 items 35–41) on both stores.</summary>
public sealed class DatapointsIngestionEndpointsTests(WebMacsHosts hosts) : IClassFixture<WebMacsHosts>
{
    private const string Create = "/api/v1/datapoints";
    private const string Batch = "/api/v1/datapoints/batch";

    [Theory]
    [MemberData(nameof(TestStores.All), MemberType = typeof(TestStores))]
    public async Task Create_LinkedEvent_Returns201AndStoresTheValue(TestStore store)
    {
        var host = await hosts.GetAsync(store);
        using var client = host.CreateClient(await host.LoginAsync());
        var linked = await host.CreateLinkedEventAsync();

        using var response = await client.PostRawJsonAsync(Create, $$"""{"value": 23.5, "event_public_id": "{{linked.Public}}"}""");

        await AssertStatusAsync(response, HttpStatusCode.Created, "1 datapoint successfully created.");
        var stored = Assert.Single(await host.DatapointsOfAsync(linked));
        Assert.Equal(23.5, stored.Value);
        Assert.Null(stored.ExperimentId);
    }

    [Theory]
    [MemberData(nameof(TestStores.All), MemberType = typeof(TestStores))]
    public async Task Create_NumericString_IsAccepted(TestStore store)
    {
        var host = await hosts.GetAsync(store);
        using var client = host.CreateClient(await host.LoginAsync());
        var linked = await host.CreateLinkedEventAsync();

        using var response = await client.PostRawJsonAsync(Create, $$"""{"value": " 1e-05 ", "event_public_id": "{{linked.Public}}", "unknown": 1}""");

        await AssertStatusAsync(response, HttpStatusCode.Created, "1 datapoint successfully created.");
        Assert.Equal(1e-05, Assert.Single(await host.DatapointsOfAsync(linked)).Value);
    }

    [Theory]
    [MemberData(nameof(TestStores.All), MemberType = typeof(TestStores))]
    public async Task Create_UnknownEvent_Returns404EventNotFound(TestStore store)
    {
        var host = await hosts.GetAsync(store);
        using var client = host.CreateClient(await host.LoginAsync());

        using var unknown = await client.PostRawJsonAsync(Create, $$"""{"value": 1, "event_public_id": "{{Guid.NewGuid()}}"}""");
        using var notUuid = await client.PostRawJsonAsync(Create, """{"value": 1, "event_public_id": "not-a-uuid"}""");

        await unknown.AssertErrorAsync(HttpStatusCode.NotFound, "Event not found.");
        await notUuid.AssertErrorAsync(HttpStatusCode.NotFound, "Event not found.");
    }

    [Theory]
    [MemberData(nameof(TestStores.All), MemberType = typeof(TestStores))]
    public async Task Create_EventWithoutMapping_Returns409NotLinked(TestStore store)
    {
        var host = await hosts.GetAsync(store);
        using var client = host.CreateClient(await host.LoginAsync());
        var unlinked = await host.CreateEventAsync();

        using var response = await client.PostRawJsonAsync(Create, $$"""{"value": 1, "event_public_id": "{{unlinked.Public}}"}""");

        await response.AssertErrorAsync(HttpStatusCode.Conflict, "Event is not linked to an enabled plugin instance.");
        Assert.Empty(await host.DatapointsOfAsync(unlinked));
    }

    [Theory]
    [MemberData(nameof(TestStores.All), MemberType = typeof(TestStores))]
    public async Task Create_AfterInstanceDisabled_Returns409AndAfterReEnabled201(TestStore store)
    {
        var host = await hosts.GetAsync(store);
        using var client = host.CreateClient(await host.LoginAsync());
        var linked = await host.CreateEventAsync();
        var instanceId = await host.LinkAsync(linked);
        var body = $$"""{"value": 2, "event_public_id": "{{linked.Public}}"}""";

        await host.SetInstanceEnabledAsync(instanceId, enabled: false);
        using var disabled = await client.PostRawJsonAsync(Create, body);
        await host.SetInstanceEnabledAsync(instanceId, enabled: true);
        using var enabled = await client.PostRawJsonAsync(Create, body);

        await disabled.AssertErrorAsync(HttpStatusCode.Conflict, "Event is not linked to an enabled plugin instance.");
        await AssertStatusAsync(enabled, HttpStatusCode.Created, "1 datapoint successfully created.");
    }

    [Theory]
    [MemberData(nameof(TestStores.All), MemberType = typeof(TestStores))]
    public async Task Create_EventMappedByDisabledAndEnabledInstances_IsAccepted(TestStore store)
    {
        var host = await hosts.GetAsync(store);
        using var client = host.CreateClient(await host.LoginAsync());
        var linked = await host.CreateEventAsync();
        await host.LinkAsync(linked, enabled: false);
        await host.LinkAsync(linked, enabled: true);

        using var response = await client.PostRawJsonAsync(Create, $$"""{"value": 3, "event_public_id": "{{linked.Public}}"}""");

        await AssertStatusAsync(response, HttpStatusCode.Created, "1 datapoint successfully created.");
        Assert.Single(await host.DatapointsOfAsync(linked));
    }

    [Theory]
    [MemberData(nameof(TestStores.All), MemberType = typeof(TestStores))]
    public async Task Create_InvalidFields_Returns422WithEveryLocation(TestStore store)
    {
        var host = await hosts.GetAsync(store);
        using var client = host.CreateClient(await host.LoginAsync());

        using var missing = await client.PostRawJsonAsync(Create, "{}");
        using var wrongTypes = await client.PostRawJsonAsync(Create, """{"value": "abc", "event_public_id": 5}""");

        Assert.Equal(["body/event_public_id", "body/value"], (await missing.AssertValidationErrorAsync()).Select(Loc).Order(StringComparer.Ordinal));
        var errors = await wrongTypes.AssertValidationErrorAsync();
        Assert.Equal(["float_parsing", "string_type"], errors.Select(e => e.GetProperty("type").GetString()).Order(StringComparer.Ordinal));
    }

    [Theory]
    [MemberData(nameof(NonFiniteValues))]
    public async Task Create_NonFiniteValue_Returns422AndStoresNothing(TestStore store, string value)
    {
        var host = await hosts.GetAsync(store);
        using var client = host.CreateClient(await host.LoginAsync());
        var linked = await host.CreateLinkedEventAsync();

        using var single = await client.PostRawJsonAsync(Create, $$"""{"value": {{value}}, "event_public_id": "{{linked.Public}}"}""");
        using var batch = await client.PostRawJsonAsync(Batch, $$"""{"datapoints": [{"value": {{value}}, "event_public_id": "{{linked.Public}}"}]}""");

        Assert.Equal("body/value", Loc(Assert.Single(await single.AssertValidationErrorAsync())));
        Assert.Equal("body/datapoints/0/value", Loc(Assert.Single(await batch.AssertValidationErrorAsync())));
        Assert.Empty(await host.DatapointsOfAsync(linked));
    }

    public static TheoryData<TestStore, string> NonFiniteValues()
    {
        var data = new TheoryData<TestStore, string>();
        foreach (var store in new[] { TestStore.Sqlite, TestStore.Postgres })
        {
            foreach (var value in new[] { "\"NaN\"", "\"Infinity\"", "\"-Infinity\"", "\"inf\"", "1e999", "-1e999" })
            {
                data.Add(store, value);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(TestStores.All), MemberType = typeof(TestStores))]
    public async Task Batch_LinkedUnlinkedUnknownAndNonUuid_KeepsOnlyLinkedWithOneTimestamp(TestStore store)
    {
        var host = await hosts.GetAsync(store);
        using var client = host.CreateClient(await host.LoginAsync());
        var linked = await host.CreateLinkedEventAsync();
        var unlinked = await host.CreateEventAsync();
        var body = $$"""
            {"datapoints": [
              {"value": 1.5, "event_public_id": "{{linked.Public}}"},
              {"value": "2.5", "event_public_id": "{{unlinked.Public}}"},
              {"value": 3.5, "event_public_id": "{{linked.Public}}"},
              {"value": 4.5, "event_public_id": "{{Guid.NewGuid()}}"},
              {"value": 5.5, "event_public_id": "not-a-uuid"}
            ]}
            """;

        using var response = await client.PostRawJsonAsync(Batch, body);

        await AssertStatusAsync(response, HttpStatusCode.Created, "2 datapoints successfully created.");
        var stored = await host.DatapointsOfAsync(linked);
        Assert.Equal([1.5, 3.5], stored.Select(d => d.Value));
        Assert.Single(stored.Select(d => d.Timestamp).Distinct());
        Assert.Empty(await host.DatapointsOfAsync(unlinked));
    }

    [Theory]
    [MemberData(nameof(TestStores.All), MemberType = typeof(TestStores))]
    public async Task Batch_EmptyOrOnlyUnlinked_Returns201WithZeroPlural(TestStore store)
    {
        var host = await hosts.GetAsync(store);
        using var client = host.CreateClient(await host.LoginAsync());
        var unlinked = await host.CreateEventAsync();

        using var empty = await client.PostRawJsonAsync(Batch, """{"datapoints": []}""");
        using var dropped = await client.PostRawJsonAsync(Batch, $$"""{"datapoints": [{"value": 1, "event_public_id": "{{unlinked.Public}}"}]}""");

        await AssertStatusAsync(empty, HttpStatusCode.Created, "0 datapoints successfully created.");
        await AssertStatusAsync(dropped, HttpStatusCode.Created, "0 datapoints successfully created.");
    }

    [Theory]
    [MemberData(nameof(TestStores.All), MemberType = typeof(TestStores))]
    public async Task Batch_OneItem_UsesPluralWording(TestStore store)
    {
        var host = await hosts.GetAsync(store);
        using var client = host.CreateClient(await host.LoginAsync());
        var linked = await host.CreateLinkedEventAsync();

        using var response = await client.PostRawJsonAsync(Batch, $$"""{"datapoints": [{"value": 1, "event_public_id": "{{linked.Public}}"}]}""");

        await AssertStatusAsync(response, HttpStatusCode.Created, "1 datapoints successfully created.");
    }

    [Theory]
    [MemberData(nameof(TestStores.All), MemberType = typeof(TestStores))]
    public async Task Batch_500ItemsAccepted_501Refused(TestStore store)
    {
        var host = await hosts.GetAsync(store);
        using var client = host.CreateClient(await host.LoginAsync());
        var linked = await host.CreateLinkedEventAsync();

        using var full = await client.PostRawJsonAsync(Batch, BatchOf(linked, 500));
        using var tooMany = await client.PostRawJsonAsync(Batch, BatchOf(linked, 501));

        await AssertStatusAsync(full, HttpStatusCode.Created, "500 datapoints successfully created.");
        var error = Assert.Single(await tooMany.AssertValidationErrorAsync());
        Assert.Equal("body/datapoints", Loc(error));
        Assert.Equal("too_long", error.GetProperty("type").GetString());
        Assert.Equal(500, (await host.DatapointsOfAsync(linked)).Count);
    }

    [Theory]
    [MemberData(nameof(TestStores.All), MemberType = typeof(TestStores))]
    public async Task Batch_MalformedItems_Returns422LocatedAtTheItemAndStoresNothing(TestStore store)
    {
        var host = await hosts.GetAsync(store);
        using var client = host.CreateClient(await host.LoginAsync());
        var linked = await host.CreateLinkedEventAsync();
        var body = $$"""
            {"datapoints": [
              {"value": 1, "event_public_id": "{{linked.Public}}"},
              {"value": "abc", "event_public_id": "{{linked.Public}}"},
              {"event_public_id": "{{linked.Public}}"},
              {"value": 1},
              "not an object"
            ]}
            """;

        using var response = await client.PostRawJsonAsync(Batch, body);
        using var missingKey = await client.PostRawJsonAsync(Batch, "{}");
        using var notList = await client.PostRawJsonAsync(Batch, """{"datapoints": {"value": 1}}""");

        var errors = await response.AssertValidationErrorAsync();
        Assert.Equal(["body/datapoints/1/value", "body/datapoints/2/value", "body/datapoints/3/event_public_id", "body/datapoints/4"], errors.Select(Loc));
        Assert.Equal("body/datapoints", Loc(Assert.Single(await missingKey.AssertValidationErrorAsync())));
        Assert.Equal("list_type", Assert.Single(await notList.AssertValidationErrorAsync()).GetProperty("type").GetString());
        Assert.Empty(await host.DatapointsOfAsync(linked));
    }

    [Theory]
    [MemberData(nameof(TestStores.All), MemberType = typeof(TestStores))]
    public async Task WriteRoutes_MalformedBodies_AlwaysAnswer4xx(TestStore store)
    {
        var host = await hosts.GetAsync(store);
        using var client = host.CreateClient(await host.LoginAsync());
        var linked = await host.CreateLinkedEventAsync();
        var unknown = Guid.NewGuid();

        await MalformedBodies.AssertAlways4xxAsync(host, client, HttpMethod.Post, Create,
            $$"""{"value": %V%, "event_public_id": "{{unknown}}"}""",
            """{"value": 1, "event_public_id": %V%}""",
            """{"value": %V%}""");
        await MalformedBodies.AssertAlways4xxAsync(host, client, HttpMethod.Post, Batch,
            $$"""{"datapoints": [{"value": %V%, "event_public_id": "{{linked.Public}}"}, {}]}""",
            """{"datapoints": [{"value": 1, "event_public_id": %V%}, {}]}""",
            """{"datapoints": [%V%, {}]}""");
        await MalformedBodies.AssertAlways4xxExceptAsync(host, client, HttpMethod.Post, Batch, ["[]"], """{"datapoints": %V%}""");
        await MalformedBodies.AssertAlways4xxAsync(host, client, HttpMethod.Post, "/api/v1/datapoints/series",
            """{"event_public_ids": %V%, "minutes": 0}""",
            """{"event_public_ids": [%V%], "max_points": 9}""",
            """{"event_public_ids": ["x"], "minutes": %V%, "max_points": 2001}""",
            """{"event_public_ids": [], "max_points": %V%}""");

        using var list = await client.GetAsync("/api/v1/datapoints?page_size=100", Ct);
        Assert.Equal(HttpStatusCode.OK, list.StatusCode);
        using var latest = await client.GetAsync("/api/v1/datapoints/latest", Ct);
        Assert.Equal(HttpStatusCode.OK, latest.StatusCode);
    }

    internal static string BatchOf(TestEvent target, int count) =>
        JsonSerializer.Serialize(new { datapoints = Enumerable.Range(0, count).Select(i => new { value = (double)i, event_public_id = target.Public }) });

    internal static async Task AssertStatusAsync(HttpResponseMessage response, HttpStatusCode status, string message)
    {
        var body = await response.ReadJsonAsync();
        Assert.True(status == response.StatusCode, $"Expected {(int)status}, got {(int)response.StatusCode}: {body}");
        Assert.Equal(["message", "status"], PropertyNames(body));
        Assert.Equal("success", body.GetProperty("status").GetString());
        Assert.Equal(message, body.GetProperty("message").GetString());
    }
}
