using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using WebMacs.Persistence;
using WebMacs.Testing.Postgres;

namespace WebMacs.Postgres.Tests;

/// <summary>
/// The race the <c>DatapointsReferenceLock</c> migration settles, on a real server with two real connections: a write
/// into <c>datapoints</c> and a delete of the event or experiment it refers to, each order. Whatever the order, no
/// datapoint is left without its event or experiment, and nothing valid is refused.
/// </summary>
public sealed class DatapointReferenceLockTests(PostgresServer postgres) : IAsyncLifetime
{
    private string connectionString = "";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        connectionString = await postgres.CreateDatabaseAsync("reflock");
        var services = new ServiceCollection().AddLogging();
        services.AddWebMacs(new ConfigurationBuilder().Build()).AddPostgres(o => o.ConnectionString = connectionString);
        await using var provider = services.BuildServiceProvider();
        await using var db = await provider.GetRequiredService<IDbContextFactory<WebMacsDbContext>>().CreateDbContextAsync(Ct);
        await db.Database.MigrateAsync(Ct);
    }

    public async ValueTask DisposeAsync() => await postgres.DropDatabaseAsync(connectionString);

    [Fact]
    public async Task DeleteEvent_WhileAnUncommittedWriteRefersToIt_WaitsForTheCommitAndRemovesTheNewRows()
    {
        var (eventId, _) = await SeedAsync();
        await using var writer = await OpenAsync();
        await using var write = await writer.BeginTransactionAsync(Ct);
        await ExecuteAsync(writer, $"INSERT INTO datapoints (event_id, \"timestamp\", value) VALUES ({eventId}, now(), 1.5)");

        await using var deleter = await OpenAsync();
        var delete = ExecuteAsync(deleter, $"DELETE FROM events WHERE id = {eventId}");
        await WaitUntilBlockedAsync(deleter.ProcessID);
        Assert.False(delete.IsCompleted, "the delete must wait for the write that already checked the event");

        await write.CommitAsync(Ct);
        Assert.Equal(1, await delete);
        Assert.Equal(0L, await ScalarAsync($"SELECT count(*) FROM datapoints WHERE event_id = {eventId}"));
    }

    [Fact]
    public async Task DeleteExperiment_WhileAnUncommittedWriteRefersToIt_WaitsForTheCommitAndRemovesTheNewRows()
    {
        var (eventId, experimentId) = await SeedAsync();
        await using var writer = await OpenAsync();
        await using var write = await writer.BeginTransactionAsync(Ct);
        await ExecuteAsync(writer, $"INSERT INTO datapoints (event_id, experiment_id, \"timestamp\", value) VALUES ({eventId}, {experimentId}, now(), 2.5)");

        await using var deleter = await OpenAsync();
        var delete = ExecuteAsync(deleter, $"DELETE FROM experiments WHERE id = {experimentId}");
        await WaitUntilBlockedAsync(deleter.ProcessID);
        Assert.False(delete.IsCompleted, "the delete must wait for the write that already checked the experiment");

        await write.CommitAsync(Ct);
        Assert.Equal(1, await delete);
        Assert.Equal(0L, await ScalarAsync($"SELECT count(*) FROM datapoints WHERE experiment_id = {experimentId}"));
        Assert.Equal(1L, await ScalarAsync($"SELECT count(*) FROM events WHERE id = {eventId}"));
    }

    [Fact]
    public async Task Write_AfterAnUncommittedDeleteOfItsEvent_WaitsAndIsRefusedOnceTheDeleteCommits()
    {
        var (eventId, _) = await SeedAsync();
        await using var deleter = await OpenAsync();
        await using var delete = await deleter.BeginTransactionAsync(Ct);
        Assert.Equal(1, await ExecuteAsync(deleter, $"DELETE FROM events WHERE id = {eventId}"));

        await using var writer = await OpenAsync();
        var write = ExecuteAsync(writer, $"INSERT INTO datapoints (event_id, \"timestamp\", value) VALUES ({eventId}, now(), 3.5)");
        await WaitUntilBlockedAsync(writer.ProcessID);

        await delete.CommitAsync(Ct);
        var refused = await Assert.ThrowsAsync<PostgresException>(() => write);
        Assert.Equal(PostgresErrorCodes.ForeignKeyViolation, refused.SqlState);
        Assert.Equal("fk_datapoints_events_event_id", refused.ConstraintName);
        Assert.Equal(0L, await ScalarAsync("SELECT count(*) FROM datapoints"));
    }

    [Fact]
    public async Task Write_AfterAnEventDeleteThatRollsBack_IsStored()
    {
        var (eventId, _) = await SeedAsync();
        await using var deleter = await OpenAsync();
        await using var delete = await deleter.BeginTransactionAsync(Ct);
        await ExecuteAsync(deleter, $"DELETE FROM events WHERE id = {eventId}");

        await using var writer = await OpenAsync();
        var write = ExecuteAsync(writer, $"INSERT INTO datapoints (event_id, \"timestamp\", value) VALUES ({eventId}, now(), 4.5)");
        await WaitUntilBlockedAsync(writer.ProcessID);

        await delete.RollbackAsync(Ct);
        Assert.Equal(1, await write);
        Assert.Equal(1L, await ScalarAsync($"SELECT count(*) FROM datapoints WHERE event_id = {eventId}"));
    }

    [Fact]
    public async Task Write_ForAnExperimentThatDoesNotExist_IsRefusedWithTheForeignKeyError()
    {
        var (eventId, experimentId) = await SeedAsync();
        await using var writer = await OpenAsync();
        var refused = await Assert.ThrowsAsync<PostgresException>(() =>
            ExecuteAsync(writer, $"INSERT INTO datapoints (event_id, experiment_id, \"timestamp\", value) VALUES ({eventId}, {experimentId + 1000}, now(), 5.5)"));
        Assert.Equal(PostgresErrorCodes.ForeignKeyViolation, refused.SqlState);
        Assert.Equal("fk_datapoints_experiments_experiment_id", refused.ConstraintName);
    }

    private async Task<(int EventId, int ExperimentId)> SeedAsync()
    {
        var (events, experimentId) = await DatapointSeed.SeedAsync(connectionString, "lock", 1, Ct);
        return (events[0], experimentId);
    }

    // Polls the server until the connection waits for a lock: the proof that it is blocked, not merely slow.
    private async Task WaitUntilBlockedAsync(int pid)
    {
        var clock = Stopwatch.StartNew();
        while (await ScalarAsync($"SELECT wait_event_type FROM pg_stat_activity WHERE pid = {pid}") as string != "Lock")
        {
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(30), $"backend {pid} never waited for a lock");
            await Task.Delay(20, Ct);
        }
    }

    private async Task<NpgsqlConnection> OpenAsync()
    {
        var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(Ct);
        return connection;
    }

    private async Task<object?> ScalarAsync(string sql)
    {
        await using var connection = await OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return await command.ExecuteScalarAsync(Ct);
    }

    private static async Task<int> ExecuteAsync(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        return await command.ExecuteNonQueryAsync(Ct);
    }
}
