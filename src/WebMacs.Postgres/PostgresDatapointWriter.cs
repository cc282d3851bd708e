using Npgsql;
using NpgsqlTypes;
using WebMacs.Ingestion;

namespace WebMacs.Postgres;

/// <summary>
/// The PostgreSQL hot-path writer: one transaction per group — the (source, seq) claims of the group in one round trip
/// (an upsert that only raises <c>last_seq</c>, so concurrent hosts agree), then every row of the non-duplicate
/// batches in one binary <c>COPY</c>. The rows' events and experiment are checked, and locked against a concurrent
/// delete, by one statement-level trigger per COPY instead of a foreign-key query per row (see the
/// <c>DatapointsCascadeByTrigger</c> migration); a write refused for a deleted event is re-checked by the pipeline.
/// </summary>
internal sealed class PostgresDatapointWriter(NpgsqlDataSource dataSource) : IDatapointWriter
{
    /// <summary>The statement of <see cref="CopyAsync"/>, also used by the load tool's raw-COPY comparison.</summary>
    public const string CopyCommand = "COPY datapoints (event_id, experiment_id, \"timestamp\", value) FROM STDIN (FORMAT BINARY)";

    private const string ClaimCommand =
        "INSERT INTO telemetry_sources (source, last_seq, updated_on) VALUES ($1, $2, $3) " +
        "ON CONFLICT (source) DO UPDATE SET last_seq = excluded.last_seq, updated_on = excluded.updated_on " +
        "WHERE telemetry_sources.last_seq < excluded.last_seq RETURNING 1";

    public async Task<bool[]> WriteAsync(IReadOnlyList<IngestBatch> group, DateTime now, CancellationToken cancellationToken)
    {
        var duplicates = new bool[group.Count];
        var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            await using (transaction.ConfigureAwait(false))
            {
                await ClaimAsync(connection, group, duplicates, now, cancellationToken).ConfigureAwait(false);
                await CopyAsync(connection, group, duplicates, cancellationToken).ConfigureAwait(false);
                await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            }
        }

        return duplicates;
    }

    private static async Task ClaimAsync(NpgsqlConnection connection, IReadOnlyList<IngestBatch> group, bool[] duplicates, DateTime now, CancellationToken cancellationToken)
    {
        var batch = new NpgsqlBatch(connection);
        await using (batch.ConfigureAwait(false))
        {
            var owners = new List<int>();
            for (var i = 0; i < group.Count; i++)
            {
                if (group[i].Sequence is { } sequence)
                {
                    var command = new NpgsqlBatchCommand(ClaimCommand);
                    command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = sequence.Source });
                    command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = sequence.Seq });
                    command.Parameters.Add(new NpgsqlParameter<DateTime> { TypedValue = now, NpgsqlDbType = NpgsqlDbType.TimestampTz });
                    batch.BatchCommands.Add(command);
                    owners.Add(i);
                }
            }

            if (owners.Count == 0)
            {
                return;
            }

            var reader = await batch.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            await using (reader.ConfigureAwait(false))
            {
                foreach (var owner in owners)
                {
                    duplicates[owner] = !await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
                    await reader.NextResultAsync(cancellationToken).ConfigureAwait(false);
                }
            }
        }
    }

    private static async Task CopyAsync(NpgsqlConnection connection, IReadOnlyList<IngestBatch> group, bool[] duplicates, CancellationToken cancellationToken)
    {
        var importer = await connection.BeginBinaryImportAsync(CopyCommand, cancellationToken).ConfigureAwait(false);
        await using (importer.ConfigureAwait(false))
        {
            for (var i = 0; i < group.Count; i++)
            {
                if (!duplicates[i])
                {
                    WriteRows(importer, group[i]);
                }
            }

            await importer.CompleteAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    // Rows are written with the synchronous API: the importer only buffers them (a flush of its write buffer is a local
    // socket send), and per-field async calls would cost more than they save at 100,000 rows/s.
    private static void WriteRows(NpgsqlBinaryImporter importer, IngestBatch batch)
    {
        var experiment = batch.ExperimentId;
        foreach (var row in batch.Rows)
        {
            importer.StartRow();
            importer.Write(row.EventId, NpgsqlDbType.Integer);
            if (experiment is { } id)
            {
                importer.Write(id, NpgsqlDbType.Integer);
            }
            else
            {
                importer.WriteNull();
            }

            importer.Write(row.Timestamp, NpgsqlDbType.TimestampTz);
            importer.Write(row.Value, NpgsqlDbType.Double);
        }
    }
}
