using Npgsql;
using NpgsqlTypes;
using WebMacs.Ingestion;

namespace WebMacs.Postgres;

/// <summary>
/// The PostgreSQL hot-path writer: one transaction per group. A group with (source, seq) claims: the claims in one round
/// trip (an upsert that only raises <c>last_seq</c>, so concurrent hosts agree), then every row of the non-duplicate
/// batches in one binary <c>COPY</c>, then the commit. A group without claims is one statement, its own transaction:
/// a prepared <c>INSERT … SELECT FROM unnest(arrays)</c> up to <see cref="MaxInsertRows"/> rows (one round trip, the REST
/// path), a <c>COPY</c> beyond. The rows' events and experiment are checked, and locked against a concurrent delete, by
/// one statement-level trigger per statement instead of a foreign-key query per row (see the
/// <c>DatapointsCascadeByTrigger</c> and <c>DatapointsReferenceLock</c> migrations); a write refused for a deleted event
/// is re-checked by the pipeline.
/// </summary>
internal sealed class PostgresDatapointWriter(NpgsqlDataSource dataSource) : IDatapointWriter, IAsyncDisposable, IDisposable
{
    /// <summary>The statement of <see cref="CopyAsync"/>, also used by the load tool's raw-COPY comparison.</summary>
    public const string CopyCommand = "COPY datapoints (event_id, experiment_id, \"timestamp\", value) FROM STDIN (FORMAT BINARY)";

    private const string ClaimCommand =
        "INSERT INTO telemetry_sources (source, last_seq, updated_on) VALUES ($1, $2, $3) " +
        "ON CONFLICT (source) DO UPDATE SET last_seq = excluded.last_seq, updated_on = excluded.updated_on " +
        "WHERE telemetry_sources.last_seq < excluded.last_seq RETURNING 1";

    // The writer's own connection, kept open between writes (see RentAsync).
    private NpgsqlConnection? kept;

    public async Task<bool[]> WriteAsync(IReadOnlyList<IngestBatch> group, DateTime now, CancellationToken cancellationToken)
    {
        var duplicates = new bool[group.Count];
        var connection = await RentAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (HasSequences(group))
            {
                // The claims and the rows commit together: a batch is never marked stored without its rows, nor stored twice.
                var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
                await using (transaction.ConfigureAwait(false))
                {
                    await ClaimAsync(connection, group, duplicates, now, cancellationToken).ConfigureAwait(false);
                    await CopyAsync(connection, group, duplicates, cancellationToken).ConfigureAwait(false);
                    await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
                }
            }
            else if (CountRows(group) <= MaxInsertRows)
            {
                // Nothing to claim and few rows (a REST batch, an old client's message): one prepared INSERT of arrays is
                // one round trip and its own transaction. At this size it also costs the server less than a COPY
                // (measured at 500 rows: 3.1 vs 3.4 ms of backend CPU, request mean 6.0 vs 7.1 ms; docs/benchmarks.md).
                await InsertAsync(connection, group, cancellationToken).ConfigureAwait(false);
            }
            else
            {
                // Nothing to claim: the COPY alone is the transaction (one statement outside a transaction block commits
                // when it completes, all rows or none), which saves the BEGIN and COMMIT round trip.
                await CopyAsync(connection, group, duplicates, cancellationToken).ConfigureAwait(false);
            }
        }
        catch
        {
            // A connection that saw a failure is not reused: its state (an aborted COPY, a broken socket) is unknown.
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }

        Return(connection);
        return duplicates;
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref kept, null) is { } connection)
        {
            await connection.DisposeAsync().ConfigureAwait(false);
        }
    }

    public void Dispose() => Interlocked.Exchange(ref kept, null)?.Dispose();

    // The pipeline has one writer, so one connection is kept open for it: a pooled connection would be reset on every
    // return (Npgsql's DISCARD ALL runs before the next statement) and the hot path would pay for that on each write.
    private async ValueTask<NpgsqlConnection> RentAsync(CancellationToken cancellationToken) =>
        Interlocked.Exchange(ref kept, null) is { State: System.Data.ConnectionState.Open } connection
            ? connection
            : await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);

    private void Return(NpgsqlConnection connection)
    {
        if (Interlocked.CompareExchange(ref kept, connection, null) is not null)
        {
            connection.Dispose();
        }
    }

    /// <summary>Groups without sequences up to this many rows are written with <see cref="InsertCommand"/>, larger ones with a COPY.</summary>
    internal const int MaxInsertRows = 2_000;

    /// <summary>The one-statement write of a small group: the same rows as <see cref="CopyCommand"/>, as four arrays.</summary>
    internal const string InsertCommand =
        "INSERT INTO datapoints (event_id, experiment_id, \"timestamp\", value) " +
        "SELECT * FROM unnest($1::integer[], $2::integer[], $3::timestamp with time zone[], $4::double precision[])";

    private static int CountRows(IReadOnlyList<IngestBatch> group)
    {
        var rows = 0;
        for (var i = 0; i < group.Count; i++)
        {
            rows += group[i].Count;
        }

        return rows;
    }

    private static async Task InsertAsync(NpgsqlConnection connection, IReadOnlyList<IngestBatch> group, CancellationToken cancellationToken)
    {
        var count = CountRows(group);
        var events = new int[count];
        var experiments = new int?[count];
        var timestamps = new DateTime[count];
        var values = new double[count];
        var at = 0;
        foreach (var batch in group)
        {
            var experiment = batch.ExperimentId;
            foreach (var row in batch.Rows)
            {
                events[at] = row.EventId;
                experiments[at] = experiment;
                timestamps[at] = row.Timestamp;
                values[at] = row.Value;
                at++;
            }
        }

        var command = new NpgsqlCommand(InsertCommand, connection);
        await using (command.ConfigureAwait(false))
        {
            command.Parameters.Add(new NpgsqlParameter<int[]> { TypedValue = events });
            command.Parameters.Add(new NpgsqlParameter<int?[]> { TypedValue = experiments });
            command.Parameters.Add(new NpgsqlParameter<DateTime[]> { TypedValue = timestamps, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.TimestampTz });
            command.Parameters.Add(new NpgsqlParameter<double[]> { TypedValue = values });
            await command.PrepareAsync(cancellationToken).ConfigureAwait(false);
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    private static bool HasSequences(IReadOnlyList<IngestBatch> group)
    {
        for (var i = 0; i < group.Count; i++)
        {
            if (group[i].Sequence is not null)
            {
                return true;
            }
        }

        return false;
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
