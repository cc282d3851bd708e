using Microsoft.Data.Sqlite;
using WebMacs.Ingestion;

namespace WebMacs.Sqlite;

/// <summary>
/// The SQLite hot-path writer: one <c>BEGIN IMMEDIATE</c> transaction per group on a connection of its own — the
/// (source, seq) claims as upserts that only raise <c>last_seq</c>, then every row through one prepared
/// <c>INSERT</c> whose parameters are rebound per row.
/// </summary>
internal sealed class SqliteDatapointWriter(SqliteStorageProvider provider) : IDatapointWriter
{
    private const string ClaimCommand =
        "INSERT INTO telemetry_sources (source, last_seq, updated_on) VALUES ($source, $seq, $now) " +
        "ON CONFLICT (source) DO UPDATE SET last_seq = excluded.last_seq, updated_on = excluded.updated_on " +
        "WHERE telemetry_sources.last_seq < excluded.last_seq RETURNING 1";

    private const string InsertCommand =
        "INSERT INTO datapoints (event_id, experiment_id, \"timestamp\", value) VALUES ($event, $experiment, $timestamp, $value)";

    private readonly string connectionString = new SqliteConnectionStringBuilder(provider.ConnectionString) { ForeignKeys = true }.ToString();

    public async Task<bool[]> WriteAsync(IReadOnlyList<IngestBatch> group, DateTime now, CancellationToken cancellationToken)
    {
        var duplicates = new bool[group.Count];
        var connection = new SqliteConnection(connectionString);
        await using (connection.ConfigureAwait(false))
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            await using (transaction.ConfigureAwait(false))
            {
                Claim(connection, transaction, group, duplicates, now);
                Insert(connection, transaction, group, duplicates);
                await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            }
        }

        return duplicates;
    }

    // SQLite runs in-process: its calls finish without waiting on a network, so the synchronous API is the fast one.
    private static void Claim(SqliteConnection connection, SqliteTransaction transaction, IReadOnlyList<IngestBatch> group, bool[] duplicates, DateTime now)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = ClaimCommand;
        var source = command.Parameters.Add("$source", SqliteType.Text);
        var seq = command.Parameters.Add("$seq", SqliteType.Integer);
        command.Parameters.AddWithValue("$now", now);
        for (var i = 0; i < group.Count; i++)
        {
            if (group[i].Sequence is { } sequence)
            {
                source.Value = sequence.Source;
                seq.Value = sequence.Seq;
                duplicates[i] = command.ExecuteScalar() is null;
            }
        }
    }

    private static void Insert(SqliteConnection connection, SqliteTransaction transaction, IReadOnlyList<IngestBatch> group, bool[] duplicates)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = InsertCommand;
        var eventId = command.Parameters.Add("$event", SqliteType.Integer);
        var experimentId = command.Parameters.Add("$experiment", SqliteType.Integer);
        var timestamp = command.Parameters.Add("$timestamp", SqliteType.Text);
        var value = command.Parameters.Add("$value", SqliteType.Real);
        command.Prepare();
        for (var i = 0; i < group.Count; i++)
        {
            if (duplicates[i])
            {
                continue;
            }

            var batch = group[i];
            experimentId.Value = batch.ExperimentId is { } id ? id : DBNull.Value;
            foreach (var row in batch.Rows)
            {
                eventId.Value = row.EventId;
                timestamp.Value = row.Timestamp;
                value.Value = row.Value;
                command.ExecuteNonQuery();
            }
        }
    }
}
