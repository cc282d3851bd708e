using System.Net;
using System.Text.Json;
using WebMacs.AspNetCore.Tests.Support;
using static WebMacs.AspNetCore.Tests.Support.Http;

namespace WebMacs.AspNetCore.Tests.Datapoints;

/// <summary>POST /datapoints/series (route 32, §4.5, §10 items 44–46) on both stores.</summary>
public sealed class DatapointsSeriesEndpointsTests(WebMacsHosts hosts) : IClassFixture<WebMacsHosts>
{
    private const string Series = "/api/v1/datapoints/series";

    [Theory]
    [MemberData(nameof(TestStores.All), MemberType = typeof(TestStores))]
    public async Task Series_1000PointsMax10_ReturnsExactly10WithTheNewestLast(TestStore store)
    {
        var host = await hosts.GetAsync(store);
        using var client = host.CreateClient(await host.LoginAsync());
        var target = await host.CreateEventAsync();
        var start = DateTime.UtcNow.AddMinutes(-30);
        await host.InsertDatapointsAsync([.. Enumerable.Range(0, 1000).Select(i => DatapointsQueryEndpointsTests.Row(target, i, start.AddSeconds(i)))]);

        var series = await PostAsync(client, $$"""{"event_public_ids": ["{{target.Public}}"], "max_points": 10}""");

        var points = series.GetProperty(target.Public).EnumerateArray().ToArray();
        Assert.Equal([0.0, 100, 200, 300, 400, 500, 600, 700, 800, 999], points.Select(p => p.GetProperty("value").GetDouble()));
        Assert.Equal(["event_public_id", "experiment_public_id", "public_id", "timestamp", "value"], PropertyNames(points[0]));
    }

    [Theory]
    [MemberData(nameof(SampleSizes))]
    public async Task Series_Downsampling_TakesFloorOfIStepThenTheNewest(TestStore store, int count, int maxPoints)
    {
        var host = await hosts.GetAsync(store);
        using var client = host.CreateClient(await host.LoginAsync());
        var target = await host.CreateEventAsync();
        var start = DateTime.UtcNow.AddMinutes(-50);
        await host.InsertDatapointsAsync([.. Enumerable.Range(0, count).Select(i => DatapointsQueryEndpointsTests.Row(target, i, start.AddSeconds(i)))]);

        var series = await PostAsync(client, $$"""{"event_public_ids": ["{{target.Public}}"], "max_points": {{maxPoints}}}""");

        // §4.5 as the original computes it: step = N / M in floating point, indices int(i * step), then the last.
        double[] expected = count <= maxPoints
            ? [.. Enumerable.Range(0, count).Select(i => (double)i)]
            : [.. Enumerable.Range(0, maxPoints - 1).Select(i => (double)(int)(i * ((double)count / maxPoints))), count - 1];
        Assert.Equal(expected, series.GetProperty(target.Public).EnumerateArray().Select(p => p.GetProperty("value").GetDouble()));
    }

    public static TheoryData<TestStore, int, int> SampleSizes()
    {
        var data = new TheoryData<TestStore, int, int>();
        foreach (var store in new[] { TestStore.Sqlite, TestStore.Postgres })
        {
            data.Add(store, 37, 10);
            data.Add(store, 1001, 10);
            data.Add(store, 11, 10);
            data.Add(store, 10, 10);
            data.Add(store, 3, 10);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(TestStores.All), MemberType = typeof(TestStores))]
    public async Task Series_OneKeyPerDistinctRequestedId_UnknownAndInvalidGetEmptyLists(TestStore store)
    {
        var host = await hosts.GetAsync(store);
        using var client = host.CreateClient(await host.LoginAsync());
        var a = await host.CreateEventAsync();
        var b = await host.CreateEventAsync();
        var noData = await host.CreateEventAsync();
        var unknown = Guid.NewGuid().ToString();
        var now = DateTime.UtcNow;
        await host.InsertDatapointsAsync(
            DatapointsQueryEndpointsTests.Row(a, 2, now.AddSeconds(-20)),
            DatapointsQueryEndpointsTests.Row(b, 5, now.AddSeconds(-30)),
            DatapointsQueryEndpointsTests.Row(a, 1, now.AddSeconds(-40)),
            DatapointsQueryEndpointsTests.Row(a, 3, now.AddSeconds(-10)));

        var series = await PostAsync(client,
            $$"""{"event_public_ids": ["{{a.Public}}", "{{unknown}}", "{{b.Public}}", "{{a.Public}}", "not-a-uuid", "{{noData.Public}}"]}""");

        Assert.Equal([a.Public, unknown, b.Public, "not-a-uuid", noData.Public], series.EnumerateObject().Select(p => p.Name));
        Assert.Equal([1.0, 2, 3], series.GetProperty(a.Public).EnumerateArray().Select(p => p.GetProperty("value").GetDouble()));
        Assert.Equal([5.0], series.GetProperty(b.Public).EnumerateArray().Select(p => p.GetProperty("value").GetDouble()));
        Assert.Empty(series.GetProperty(unknown).EnumerateArray());
        Assert.Empty(series.GetProperty("not-a-uuid").EnumerateArray());
        Assert.Empty(series.GetProperty(noData.Public).EnumerateArray());
    }

    [Theory]
    [MemberData(nameof(TestStores.All), MemberType = typeof(TestStores))]
    public async Task Series_Minutes_ExcludesOlderPoints(TestStore store)
    {
        var host = await hosts.GetAsync(store);
        using var client = host.CreateClient(await host.LoginAsync());
        var target = await host.CreateEventAsync();
        var now = DateTime.UtcNow;
        await host.InsertDatapointsAsync(
            DatapointsQueryEndpointsTests.Row(target, 1, now.AddMinutes(-61)),
            DatapointsQueryEndpointsTests.Row(target, 2, now.AddMinutes(-59)),
            DatapointsQueryEndpointsTests.Row(target, 3, now.AddMinutes(-3)),
            DatapointsQueryEndpointsTests.Row(target, 4, now.AddSeconds(-30)));

        var byDefault = await PostAsync(client, $$"""{"event_public_ids": ["{{target.Public}}"]}""");
        var twoMinutes = await PostAsync(client, $$"""{"event_public_ids": ["{{target.Public}}"], "minutes": "2"}""");

        Assert.Equal([2.0, 3, 4], byDefault.GetProperty(target.Public).EnumerateArray().Select(p => p.GetProperty("value").GetDouble()));
        Assert.Equal([4.0], twoMinutes.GetProperty(target.Public).EnumerateArray().Select(p => p.GetProperty("value").GetDouble()));
    }

    [Theory]
    [InlineData("""{"event_public_ids": []}""", "body/event_public_ids")]
    [InlineData("""{}""", "body/event_public_ids")]
    [InlineData("""{"event_public_ids": "x"}""", "body/event_public_ids")]
    [InlineData("""{"event_public_ids": [1]}""", "body/event_public_ids/0")]
    [InlineData("""{"event_public_ids": ["x"], "minutes": 0}""", "body/minutes")]
    [InlineData("""{"event_public_ids": ["x"], "minutes": 14401}""", "body/minutes")]
    [InlineData("""{"event_public_ids": ["x"], "minutes": null}""", "body/minutes")]
    [InlineData("""{"event_public_ids": ["x"], "minutes": 1.5}""", "body/minutes")]
    [InlineData("""{"event_public_ids": ["x"], "max_points": 9}""", "body/max_points")]
    [InlineData("""{"event_public_ids": ["x"], "max_points": 2001}""", "body/max_points")]
    public async Task Series_OutOfBounds_Returns422(string body, string loc)
    {
        var host = await hosts.GetAsync(TestStore.Sqlite);
        using var client = host.CreateClient(await host.LoginAsync());

        using var response = await client.PostRawJsonAsync(Series, body);

        Assert.Equal(loc, Loc(Assert.Single(await response.AssertValidationErrorAsync())));
    }

    [Fact]
    public async Task Series_21Ids_Returns422And20Ids_Returns200()
    {
        var host = await hosts.GetAsync(TestStore.Sqlite);
        using var client = host.CreateClient(await host.LoginAsync());
        static string Ids(int n) => JsonSerializer.Serialize(new { event_public_ids = Enumerable.Range(0, n).Select(_ => Guid.NewGuid().ToString()), minutes = 14400, max_points = 2000 });

        using var tooMany = await client.PostRawJsonAsync(Series, Ids(21));
        var twenty = await PostAsync(client, Ids(20));

        Assert.Equal("too_long", Assert.Single(await tooMany.AssertValidationErrorAsync()).GetProperty("type").GetString());
        Assert.Equal(20, twenty.EnumerateObject().Count());
    }

    private static async Task<JsonElement> PostAsync(HttpClient client, string body)
    {
        using var response = await client.PostRawJsonAsync(Series, body);
        var json = await response.ReadJsonAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"Expected 200, got {(int)response.StatusCode}: {json}");
        return json;
    }
}
