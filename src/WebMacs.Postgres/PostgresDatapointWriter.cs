using Npgsql;
using NpgsqlTypes;
using WebMacs.Ingestion;

namespace WebMacs.Postgres;

/// <summary>
/// The PostgreSQL hot-path writer: one transaction per group — the (source, seq) claims of the group in one round trip
/// (an upsert that only raises <c>last_seq</c>, so concurrent hosts agree), then every row of the non-duplicate
/// batches in one binary <c>COPY</c>.
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
                    await WriteRowsAsync(importer, group[i], cancellationToken).ConfigureAwait(false);
                }
            }

            await importer.CompleteAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    private static async Task WriteRowsAsync(NpgsqlBinaryImporter importer, IngestBatch batch, CancellationToken cancellationToken)
    {
        var experiment = batch.ExperimentId;
        for (var i = 0; i < batch.Count; i++)
        {
            var row = batch.Rows[i];
            await importer.StartRowAsync(cancellationToken).ConfigureAwait(false);
            await importer.WriteAsync(row.EventId, NpgsqlDbType.Integer, cancellationToken).ConfigureAwait(false);
            if (experiment is { } id)
            {
                await importer.WriteAsync(id, NpgsqlDbType.Integer, cancellationToken).ConfigureAwait(false);
            }
            else
            {
                await importer.WriteNullAsync(cancellationToken).ConfigureAwait(false);
            }

            await importer.WriteAsync(row.Timestamp, NpgsqlDbType.TimestampTz, cancellationToken).ConfigureAwait(false);
            await importer.WriteAsync(row.Value, NpgsqlDbType.Double, cancellationToken).ConfigureAwait(false);
        }
    }
}
