using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using WebMacs.Datapoints;
using WebMacs.Ingestion;
using WebMacs.Persistence;
using WebMacs.Testing.Postgres;

namespace WebMacs.Postgres.Tests;

/// <summary>
/// The PostgreSQL hot-path writer on a real server, each of its three ways of writing a group: the one-statement INSERT
/// (small groups without claims), the autocommitted COPY (large groups without claims) and the claim-then-COPY
/// transaction; and its kept connection, which must not outlive a failure.
/// </summary>
public sealed class PostgresDatapointWriterTests(PostgresServer postgres) : IAsyncLifetime
{
    private static readonly DateTime Now = new(2026, 11, 29, 12, 0, 0, DateTimeKind.Utc);
    private string connectionString = "";
    private ServiceProvider provider = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private IDatapointWriter Writer => provider.GetRequiredService<IDatapointWriter>();

    public async ValueTask InitializeAsync()
    {
        connectionString = await postgres.CreateDatabaseAsync("writer");
        var services = new ServiceCollection().AddLogging();
        services.AddWebMacs(new ConfigurationBuilder().Build()).AddPostgres(o => o.ConnectionString = connectionString);
        provider = services.BuildServiceProvider();
        await using var db = await provider.GetRequiredService<IDbContextFactory<WebMacsDbContext>>().CreateDbContextAsync(Ct);
        await db.Database.MigrateAsync(Ct);
    }

    public async ValueTask DisposeAsync()
    {
        await provider.DisposeAsync();
        NpgsqlConnection.ClearAllPools();
        await postgres.DropDatabaseAsync(connectionString);
    }

    [Theory]
    [InlineData(3)]
    [InlineData(PostgresDatapointWriter.MaxInsertRows)]
    [InlineData(PostgresDatapointWriter.MaxInsertRows + 1)]
    [InlineData(5_000)]
    public async Task GroupWithoutClaims_EitherSize_StoresEveryRowWithItsValueTimeAndExperiment(int rows)
    {
        Assert.IsType<PostgresDatapointWriter>(Writer);
        var (events, experimentId) = await SeedAsync(3);
        var withExperiment = Batch(events, rows / 2, first: 0);
        withExperiment.ExperimentId = experimentId;
        var withoutExperiment = Batch(events, rows - (rows / 2), first: rows / 2);

        var duplicates = await Writer.WriteAsync([withExperiment, withoutExperiment], Now, Ct);

        Assert.Equal([false, false], duplicates);
        Assert.Equal((long)rows, await ScalarAsync("SELECT count(*) FROM datapoints"));
        Assert.Equal((long)(rows / 2), await ScalarAsync($"SELECT count(*) FROM datapoints WHERE experiment_id = {experimentId}"));
        Assert.Equal((long)(rows - (rows / 2)), await ScalarAsync("SELECT count(*) FROM datapoints WHERE experiment_id IS NULL"));

        // Every row as given: value i on event i % 3 at Now + i microseconds.
        Assert.Equal(0L, await ScalarAsync($"""
            SELECT count(*) FROM (SELECT value, event_id, "timestamp", row_number() OVER (ORDER BY value) - 1 AS i FROM datapoints) r
            WHERE r.value <> r.i OR r.event_id <> (ARRAY[{string.Join(",", events)}])[r.i % 3 + 1]
               OR r."timestamp" <> '2026-11-29 12:00:00+00'::timestamptz + r.i * interval '1 microsecond'
            """));
    }

    [Theory]
    [InlineData(10)]
    [InlineData(PostgresDatapointWriter.MaxInsertRows + 500)]
    public async Task GroupWithoutClaims_UnknownEvent_IsRefusedWithTheForeignKeyErrorAndStoresNothing(int rows)
    {
        var (events, _) = await SeedAsync(1);
        var good = Batch(events, rows, first: 0);
        var bad = new IngestBatch(1, null);
        bad.Add(new DatapointRow(events[0] + 1000, Guid.NewGuid(), Now, 1));

        var refused = await Assert.ThrowsAsync<PostgresException>(() => Writer.WriteAsync([good, bad], Now, Ct));

        Assert.Equal(PostgresErrorCodes.ForeignKeyViolation, refused.SqlState);
        Assert.Equal("fk_datapoints_events_event_id", refused.ConstraintName);
        Assert.Equal(0L, await ScalarAsync("SELECT count(*) FROM datapoints"));

        // The writer is usable at once: the failed connection was not kept.
        Assert.Equal(new[] { false }, await Writer.WriteAsync([Batch(events, 4, first: 0)], Now, Ct));
        Assert.Equal(4L, await ScalarAsync("SELECT count(*) FROM datapoints"));
    }

    [Theory]
    [InlineData(10)]
    [InlineData(PostgresDatapointWriter.MaxInsertRows + 500)]
    public async Task GroupWithoutClaims_UnknownExperiment_IsRefusedWithTheForeignKeyErrorAndStoresNothing(int rows)
    {
        var (events, experimentId) = await SeedAsync(2);
        var batch = Batch(events, rows, first: 0);
        batch.ExperimentId = experimentId + 1000;

        var refused = await Assert.ThrowsAsync<PostgresException>(() => Writer.WriteAsync([batch], Now, Ct));

        Assert.Equal(PostgresErrorCodes.ForeignKeyViolation, refused.SqlState);
        Assert.Equal("fk_datapoints_experiments_experiment_id", refused.ConstraintName);
        Assert.Equal(0L, await ScalarAsync("SELECT count(*) FROM datapoints"));
    }

    [Fact]
    public async Task SmallGroup_EventDeletedByAnUncommittedTransaction_WaitsForItsCommitThenIsRefused()
    {
        var (events, _) = await SeedAsync(2);
        await using var deleter = new NpgsqlConnection(connectionString);
        await deleter.OpenAsync(Ct);
        await using var delete = await deleter.BeginTransactionAsync(Ct);
        await using (var command = new NpgsqlCommand($"DELETE FROM events WHERE id = {events[1]}", deleter))
        {
            Assert.Equal(1, await command.ExecuteNonQueryAsync(Ct));
        }

        var write = Writer.WriteAsync([Batch(events, 6, first: 0)], Now, Ct);
        await WaitUntilAWriterWaitsForALockAsync();
        Assert.False(write.IsCompleted, "the write must wait for the delete that holds the lock");

        await delete.CommitAsync(Ct);
        var refused = await Assert.ThrowsAsync<PostgresException>(() => write);
        Assert.Equal("fk_datapoints_events_event_id", refused.ConstraintName);
        Assert.Equal(0L, await ScalarAsync("SELECT count(*) FROM datapoints"));
    }

    [Fact]
    public async Task GroupWithClaims_StoresNewBatchesAndSkipsTheAlreadyClaimedOne()
    {
        var (events, _) = await SeedAsync(2);
        Assert.Equal(new[] { false }, await Writer.WriteAsync([Batch(events, 5, first: 0, new TelemetrySequence("rig-1", 1))], Now, Ct));

        var duplicates = await Writer.WriteAsync(
            [Batch(events, 7, first: 100, new TelemetrySequence("rig-1", 1)), Batch(events, 3, first: 200, new TelemetrySequence("rig-1", 2))], Now, Ct);

        Assert.Equal([true, false], duplicates);
        Assert.Equal(8L, await ScalarAsync("SELECT count(*) FROM datapoints"));
        Assert.Equal(0L, await ScalarAsync("SELECT count(*) FROM datapoints WHERE value >= 100 AND value < 200"));
        Assert.Equal(2L, await ScalarAsync("SELECT last_seq FROM telemetry_sources WHERE source = 'rig-1'"));
    }

    [Fact]
    public async Task KeptConnectionKilledBetweenWrites_OneWriteFailsWithNothingStoredAndTheNextSucceeds()
    {
        var (events, _) = await SeedAsync(1);
        await Writer.WriteAsync([Batch(events, 2, first: 0)], Now, Ct);
        var writerBackend = await ScalarAsync("SELECT pid FROM pg_stat_activity WHERE query LIKE 'INSERT INTO datapoints%' AND pid <> pg_backend_pid()");
        Assert.NotNull(writerBackend);

        // As a server restart or an administrator would: the idle connection the writer keeps is ended under it.
        Assert.Equal(true, await ScalarAsync($"SELECT pg_terminate_backend({writerBackend})"));
        await Assert.ThrowsAnyAsync<NpgsqlException>(() => Writer.WriteAsync([Batch(events, 3, first: 10)], Now, Ct));
        Assert.Equal(2L, await ScalarAsync("SELECT count(*) FROM datapoints"));

        Assert.Equal(new[] { false }, await Writer.WriteAsync([Batch(events, 3, first: 10)], Now, Ct));
        Assert.Equal(5L, await ScalarAsync("SELECT count(*) FROM datapoints"));
    }

    private async Task WaitUntilAWriterWaitsForALockAsync()
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while ((long)(await ScalarAsync("SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND query LIKE 'INSERT INTO datapoints%'"))! == 0)
        {
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(30), "the writer never waited for the lock");
            await Task.Delay(20, Ct);
        }
    }

    // Rows i = first … first + count - 1: value i, event i % events, time Now + i µs.
    private static IngestBatch Batch(int[] events, int count, int first, TelemetrySequence? sequence = null)
    {
        var batch = new IngestBatch(count, sequence);
        for (var i = first; i < first + count; i++)
        {
            batch.Add(new DatapointRow(events[i % events.Length], Guid.NewGuid(), Now.AddTicks(i * 10L), i));
        }

        return batch;
    }

    private Task<(int[] Events, int ExperimentId)> SeedAsync(int eventCount) =>
        DatapointSeed.SeedAsync(connectionString, "writer", eventCount, Ct);

    private async Task<object?> ScalarAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(Ct);
        await using var command = new NpgsqlCommand(sql, connection);
        return await command.ExecuteScalarAsync(Ct);
    }
}
