using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using WebMacs.AspNetCore.Tests.Support;
using WebMacs.Datapoints;
using WebMacs.Testing.Hosting;
using WebMacs.Testing.Postgres;
using static WebMacs.AspNetCore.Tests.Support.Http;

namespace WebMacs.AspNetCore.Tests.Datapoints;

/// <summary>
/// The ingestion service itself (§6.1 steps 1–4 and 8), resolved from a real host whose clock is a
/// <see cref="FakeTimeProvider"/>: one server time for a whole batch, the linkage filter and the counts.
/// </summary>
public sealed class DatapointIngestionTests(PostgresServer postgres) : IAsyncLifetime
{
    private readonly List<string> databases = [];

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public async ValueTask DisposeAsync()
    {
        foreach (var database in databases)
        {
            await postgres.DropDatabaseAsync(database);
        }
    }

    [Theory]
    [MemberData(nameof(TestStores.All), MemberType = typeof(TestStores))]
    public async Task IngestAsync_Batch_StampsEveryRowWithTheClockTimeAtMicroseconds(TestStore store)
    {
        // 7 ticks below a microsecond: every store keeps microseconds, so the stored time drops them.
        var now = new DateTimeOffset(2026, 3, 1, 12, 30, 15, TimeSpan.Zero).AddTicks(1_234_567);
        var clock = new FakeTimeProvider(now);
        await using var host = await StartAsync(store, clock);
        var linked = await host.CreateLinkedEventAsync();
        var other = await host.CreateLinkedEventAsync();
        var unlinked = await host.CreateEventAsync();

        var result = await IngestAsync(host, [(1, linked.PublicId), (2, unlinked.PublicId), (3, other.PublicId), (4, linked.PublicId), (5, Guid.NewGuid())]);

        Assert.Equal(new IngestResult(3, 2), result);
        var rows = (await host.DatapointsOfAsync(linked)).Concat(await host.DatapointsOfAsync(other)).ToList();
        Assert.Equal([1.0, 4, 3], rows.Select(r => r.Value));
        Assert.All(rows, r => Assert.Equal(new DateTime(2026, 3, 1, 12, 30, 15, DateTimeKind.Utc).AddTicks(1_234_560), r.Timestamp));
        using var client = host.CreateClient(await host.LoginAsync());
        var latest = await (await client.GetAsync("/api/v1/datapoints/latest", Ct)).ReadJsonAsync();
        Assert.All(latest.EnumerateArray(), d => Assert.Equal("2026-03-01T12:30:15.123456Z", d.GetProperty("timestamp").GetString()));
    }

    [Theory]
    [MemberData(nameof(TestStores.All), MemberType = typeof(TestStores))]
    public async Task IngestAsync_EmptyOrNothingLinked_StoresNothing(TestStore store)
    {
        await using var host = await StartAsync(store, new FakeTimeProvider(DateTimeOffset.UtcNow));
        var unlinked = await host.CreateEventAsync();

        var empty = await IngestAsync(host, []);
        var dropped = await IngestAsync(host, [(1, unlinked.PublicId), (2, Guid.NewGuid())]);

        Assert.Equal(new IngestResult(0, 0), empty);
        Assert.Equal(new IngestResult(0, 2), dropped);
        Assert.Equal(0, await host.CountDatapointsAsync());
    }

    [Theory]
    [MemberData(nameof(TestStores.All), MemberType = typeof(TestStores))]
    public async Task IngestAsync_NonFiniteValues_AreRejectedNotStored(TestStore store)
    {
        await using var host = await StartAsync(store, new FakeTimeProvider(DateTimeOffset.UtcNow));
        var linked = await host.CreateLinkedEventAsync();

        var result = await IngestAsync(host, [(double.NaN, linked.PublicId), (double.PositiveInfinity, linked.PublicId), (7, linked.PublicId)]);

        Assert.Equal(new IngestResult(1, 2), result);
        Assert.Equal([7.0], (await host.DatapointsOfAsync(linked)).Select(d => d.Value));
    }

    [Theory]
    [MemberData(nameof(TestStores.All), MemberType = typeof(TestStores))]
    public async Task IngestAsync_EventDeletedBehindTheCache_StoresAndCountsOnlyTheRowsOfLiveEvents(TestStore store)
    {
        await using var host = await StartAsync(store, new FakeTimeProvider(DateTimeOffset.UtcNow));
        var gone = await host.CreateLinkedEventAsync();
        var kept = await host.CreateLinkedEventAsync();
        var before = await IngestAsync(host, [(1, gone.PublicId), (2, kept.PublicId)]);

        // Another process deletes the event: this host's cache still links it, so only the store can notice.
        await host.ExecuteOutsideEfCoreAsync("DELETE FROM events WHERE id = @id", ("@id", gone.Id));
        var after = await IngestAsync(host, [(3, gone.PublicId), (4, kept.PublicId)]);

        Assert.Equal(new IngestResult(2, 0), before);
        Assert.Equal(new IngestResult(1, 1), after);
        Assert.Empty(await host.DatapointsOfAsync(gone));
        Assert.Equal([2.0, 4], (await host.DatapointsOfAsync(kept)).Select(d => d.Value));
        Assert.Equal(2, await host.CountDatapointsAsync());
    }

    [Theory]
    [MemberData(nameof(TestStores.All), MemberType = typeof(TestStores))]
    public async Task IngestAsync_ExperimentDeletedBehindTheCache_DeletesItsRowsAndStoresNewOnesWithoutIt(TestStore store)
    {
        await using var host = await StartAsync(store, new FakeTimeProvider(DateTimeOffset.UtcNow));
        var linked = await host.CreateLinkedEventAsync();
        var experiment = await host.StartExperimentAsync(DateTime.UtcNow.AddMinutes(-1));
        await IngestAsync(host, [(1, linked.PublicId)]);

        await host.ExecuteOutsideEfCoreAsync("DELETE FROM experiments WHERE id = @id", ("@id", experiment.Id));
        var after = await IngestAsync(host, [(2, linked.PublicId)]);

        Assert.Equal(new IngestResult(1, 0), after);
        var stored = Assert.Single(await host.DatapointsOfAsync(linked));
        Assert.Equal(2, stored.Value);
        Assert.Null(stored.ExperimentId);
    }

    private static async Task<IngestResult> IngestAsync(WebMacsTestHost host, (double Value, Guid EventPublicId)[] items)
    {
        await using var scope = host.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<DatapointIngestion>().IngestAsync(items, Ct);
    }

    private async Task<WebMacsTestHost> StartAsync(TestStore store, TimeProvider clock)
    {
        if (store == TestStore.Sqlite)
        {
            return await WebMacsTestHost.StartAsync(b => b.AddSqlite().Services.AddSingleton(clock));
        }

        var database = await postgres.CreateDatabaseAsync("ingestion");
        databases.Add(database);
        return await WebMacsTestHost.StartAsync(
            b => b.AddPostgres().Services.AddSingleton(clock),
            new Dictionary<string, string?> { ["WebMacs:Postgres:ConnectionString"] = database });
    }
}
