using System.Net;
using System.Text.Json;
using WebMacs.AspNetCore.Tests.Support;
using WebMacs.Domain;
using WebMacs.Testing.Hosting;
using static WebMacs.AspNetCore.Tests.Support.Http;

namespace WebMacs.AspNetCore.Tests.Datapoints;

/// <summary>
/// GET /datapoints, GET /datapoints/latest, GET and DELETE /datapoints/{id} (routes 29, 33–35, §10 items 42–43) on both
/// stores. Each test owns a host, because the list and "latest" see every datapoint.
/// </summary>
public sealed class DatapointsQueryEndpointsTests(WebMacsHosts hosts) : IClassFixture<WebMacsHosts>
{
    private static readonly Dictionary<string, string?> NoSettings = [];
    private static readonly DateTime T0 = new(2026, 2, 14, 10, 0, 0, DateTimeKind.Utc);

    [Theory]
    [MemberData(nameof(TestStores.All), MemberType = typeof(TestStores))]
    public async Task List_NewestTimestampFirstTiesByNewestRow_TotalCountsAll(TestStore store)
    {
        await using var host = await hosts.StartAsync(store, NoSettings);
        using var client = host.CreateClient(await host.LoginAsync());
        var target = await host.CreateEventAsync();
        var ids = await host.InsertDatapointsAsync(
            Row(target, 1, T0),
            Row(target, 2, T0.AddSeconds(2)),
            Row(target, 3, T0.AddSeconds(1).AddTicks(1234560)),
            Row(target, 4, T0.AddSeconds(2)));

        var page = await (await client.GetAsync("/api/v1/datapoints", Ct)).ReadJsonAsync();

        Assert.Equal(["data", "page", "page_size", "total"], PropertyNames(page));
        Assert.Equal(1, page.GetProperty("page").GetInt32());
        Assert.Equal(25, page.GetProperty("page_size").GetInt32());
        Assert.Equal(4, page.GetProperty("total").GetInt32());
        var data = page.GetProperty("data").EnumerateArray().ToArray();
        Assert.Equal([4.0, 2.0, 3.0, 1.0], data.Select(d => d.GetProperty("value").GetDouble()));
        Assert.Equal([DatapointId.ToPublicId(ids[3]), DatapointId.ToPublicId(ids[1]), DatapointId.ToPublicId(ids[2]), DatapointId.ToPublicId(ids[0])],
            data.Select(d => d.GetProperty("public_id").GetString()));
        Assert.Equal(["event_public_id", "experiment_public_id", "public_id", "timestamp", "value"], PropertyNames(data[0]));
        Assert.Equal("2026-02-14T10:00:02Z", data[0].GetProperty("timestamp").GetString());
        Assert.Equal("2026-02-14T10:00:01.123456Z", data[2].GetProperty("timestamp").GetString());
        Assert.Equal(target.Public, data[0].GetProperty("event_public_id").GetString());
        Assert.Equal(JsonValueKind.Null, data[0].GetProperty("experiment_public_id").ValueKind);
    }

    [Theory]
    [MemberData(nameof(TestStores.All), MemberType = typeof(TestStores))]
    public async Task List_PaginationBounds_AreEnforced(TestStore store)
    {
        await using var host = await hosts.StartAsync(store, NoSettings);
        using var client = host.CreateClient(await host.LoginAsync());
        var target = await host.CreateEventAsync();
        await host.InsertDatapointsAsync([.. Enumerable.Range(0, 5).Select(i => Row(target, i, T0.AddSeconds(i)))]);

        var second = await (await client.GetAsync("/api/v1/datapoints?page=2&page_size=2&_t=123", Ct)).ReadJsonAsync();
        var pastTheEnd = await (await client.GetAsync("/api/v1/datapoints?page=4&page_size=2", Ct)).ReadJsonAsync();
        using var full = await client.GetAsync("/api/v1/datapoints?page_size=100", Ct);
        using var tooLarge = await client.GetAsync("/api/v1/datapoints?page_size=101", Ct);
        using var zeroPage = await client.GetAsync("/api/v1/datapoints?page=0", Ct);
        using var zeroSize = await client.GetAsync("/api/v1/datapoints?page_size=0", Ct);
        using var notInt = await client.GetAsync("/api/v1/datapoints?page=abc", Ct);

        Assert.Equal([2.0, 1.0], second.GetProperty("data").EnumerateArray().Select(d => d.GetProperty("value").GetDouble()));
        Assert.Equal(5, second.GetProperty("total").GetInt32());
        Assert.Empty(pastTheEnd.GetProperty("data").EnumerateArray());
        Assert.Equal(5, pastTheEnd.GetProperty("total").GetInt32());
        Assert.Equal(HttpStatusCode.OK, full.StatusCode);
        Assert.Equal("query/page_size", Loc(Assert.Single(await tooLarge.AssertValidationErrorAsync())));
        Assert.Equal("query/page", Loc(Assert.Single(await zeroPage.AssertValidationErrorAsync())));
        Assert.Equal("query/page_size", Loc(Assert.Single(await zeroSize.AssertValidationErrorAsync())));
        Assert.Equal("query/page", Loc(Assert.Single(await notInt.AssertValidationErrorAsync())));
    }

    [Theory]
    [MemberData(nameof(TestStores.All), MemberType = typeof(TestStores))]
    public async Task Latest_OneNewestRowPerEventWithData(TestStore store)
    {
        await using var host = await hosts.StartAsync(store, NoSettings);
        using var client = host.CreateClient(await host.LoginAsync());
        var a = await host.CreateEventAsync();
        var b = await host.CreateEventAsync();
        await host.CreateEventAsync();
        var ids = await host.InsertDatapointsAsync(
            Row(a, 1, T0.AddSeconds(1)),
            Row(a, 2, T0.AddSeconds(3)),
            Row(b, 10, T0.AddSeconds(2)),
            Row(a, 3, T0.AddSeconds(3)),
            Row(a, 4, T0.AddSeconds(2)),
            Row(b, 11, T0));

        using var response = await client.GetAsync("/api/v1/datapoints/latest", Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var latest = (await response.ReadJsonAsync()).EnumerateArray().ToDictionary(d => d.GetProperty("event_public_id").GetString()!);
        Assert.Equal(2, latest.Count);
        Assert.Equal(3, latest[a.Public].GetProperty("value").GetDouble());
        Assert.Equal(DatapointId.ToPublicId(ids[3]), latest[a.Public].GetProperty("public_id").GetString());
        Assert.Equal(10, latest[b.Public].GetProperty("value").GetDouble());
    }

    [Theory]
    [MemberData(nameof(TestStores.All), MemberType = typeof(TestStores))]
    public async Task Latest_NoData_ReturnsEmptyArray(TestStore store)
    {
        await using var host = await hosts.StartAsync(store, NoSettings);
        using var client = host.CreateClient(await host.LoginAsync());
        await host.CreateEventAsync();

        using var response = await client.GetAsync("/api/v1/datapoints/latest", Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("[]", await response.Content.ReadAsStringAsync(Ct));
    }

    [Theory]
    [MemberData(nameof(TestStores.All), MemberType = typeof(TestStores))]
    public async Task GetAndDelete_ByDerivedPublicId_WorkOnceThen404(TestStore store)
    {
        await using var host = await hosts.StartAsync(store, NoSettings);
        using var client = host.CreateClient(await host.LoginAsync());
        var target = await host.CreateEventAsync();
        var experiment = await host.StartExperimentAsync(T0);
        var ids = await host.InsertDatapointsAsync(Row(target, 42.25, T0, experiment.Id), Row(target, 7, T0));
        var publicId = DatapointId.ToPublicId(ids[0]);

        var one = await (await client.GetAsync($"/api/v1/datapoints/{publicId}", Ct)).ReadJsonAsync();
        using var deleted = await client.DeleteAsync($"/api/v1/datapoints/{publicId}", Ct);
        using var gone = await client.GetAsync($"/api/v1/datapoints/{publicId}", Ct);
        using var deletedAgain = await client.DeleteAsync($"/api/v1/datapoints/{publicId}", Ct);

        Assert.Equal(publicId, one.GetProperty("public_id").GetString());
        Assert.Equal(42.25, one.GetProperty("value").GetDouble());
        Assert.Equal("2026-02-14T10:00:00Z", one.GetProperty("timestamp").GetString());
        Assert.Equal(target.Public, one.GetProperty("event_public_id").GetString());
        Assert.Equal(experiment.PublicId.ToString(), one.GetProperty("experiment_public_id").GetString());
        await DatapointsIngestionEndpointsTests.AssertStatusAsync(deleted, HttpStatusCode.OK, "Datapoint successfully deleted.");
        await gone.AssertErrorAsync(HttpStatusCode.NotFound, $"Datapoint '{publicId}' not found.");
        await deletedAgain.AssertErrorAsync(HttpStatusCode.NotFound, $"Datapoint '{publicId}' not found.");
        Assert.Equal(1, await host.CountDatapointsAsync());
    }

    [Theory]
    [MemberData(nameof(TestStores.All), MemberType = typeof(TestStores))]
    public async Task GetAndDelete_IdsThatNameNoDatapoint_Return404WithTheRawId(TestStore store)
    {
        await using var host = await hosts.StartAsync(store, NoSettings);
        using var client = host.CreateClient(await host.LoginAsync());
        var random = Guid.NewGuid().ToString();

        foreach (var id in new[] { "nonexistent", random, DatapointId.ToPublicId(999_999) })
        {
            using var get = await client.GetAsync($"/api/v1/datapoints/{id}", Ct);
            using var delete = await client.DeleteAsync($"/api/v1/datapoints/{id}", Ct);
            await get.AssertErrorAsync(HttpStatusCode.NotFound, $"Datapoint '{id}' not found.");
            await delete.AssertErrorAsync(HttpStatusCode.NotFound, $"Datapoint '{id}' not found.");
        }
    }

    [Theory]
    [MemberData(nameof(TestStores.All), MemberType = typeof(TestStores))]
    public async Task Ingest_WhileExperimentRuns_StampsItThenNullAfterStop(TestStore store)
    {
        await using var host = await hosts.StartAsync(store, NoSettings);
        using var client = host.CreateClient(await host.LoginAsync());
        var linked = await host.CreateLinkedEventAsync();
        var experiment = await host.StartExperimentAsync(DateTime.UtcNow);
        var body = $$"""{"value": 1, "event_public_id": "{{linked.Public}}"}""";

        using var during = await client.PostRawJsonAsync("/api/v1/datapoints", body);
        var latestDuring = await (await client.GetAsync("/api/v1/datapoints/latest", Ct)).ReadJsonAsync();
        await host.StopExperimentAsync(experiment);
        using var after = await client.PostRawJsonAsync("/api/v1/datapoints/batch", $$"""{"datapoints": [{{body}}]}""");
        var list = await (await client.GetAsync("/api/v1/datapoints", Ct)).ReadJsonAsync();

        Assert.Equal(HttpStatusCode.Created, during.StatusCode);
        Assert.Equal(HttpStatusCode.Created, after.StatusCode);
        Assert.Equal(experiment.PublicId.ToString(), Assert.Single(latestDuring.EnumerateArray()).GetProperty("experiment_public_id").GetString());
        var stamps = list.GetProperty("data").EnumerateArray().Select(d => d.GetProperty("experiment_public_id")).ToArray();
        Assert.Equal(2, stamps.Length);
        Assert.Equal(JsonValueKind.Null, stamps[0].ValueKind);
        Assert.Equal(experiment.PublicId.ToString(), stamps[1].GetString());
    }

    [Theory]
    [MemberData(nameof(TestStores.All), MemberType = typeof(TestStores))]
    public async Task Ingest_SeveralExperimentsRunning_StampsTheMostRecentlyStarted(TestStore store)
    {
        await using var host = await hosts.StartAsync(store, NoSettings);
        using var client = host.CreateClient(await host.LoginAsync());
        var linked = await host.CreateLinkedEventAsync();
        var newest = await host.StartExperimentAsync(T0.AddHours(2));
        await host.StartExperimentAsync(T0);
        await host.StartExperimentAsync(T0.AddHours(1));

        using var response = await client.PostRawJsonAsync("/api/v1/datapoints", $$"""{"value": 1, "event_public_id": "{{linked.Public}}"}""");

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal(newest.Id, Assert.Single(await host.DatapointsOfAsync(linked)).ExperimentId);
    }

    internal static Datapoint Row(TestEvent of, double value, DateTime timestamp, int? experimentId = null) =>
        new() { EventId = of.Id, Value = value, Timestamp = timestamp, ExperimentId = experimentId };
}
