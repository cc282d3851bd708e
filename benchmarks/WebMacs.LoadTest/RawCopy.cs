using System.Diagnostics;
using Npgsql;
using NpgsqlTypes;

namespace WebMacs.LoadTest;

/// <summary>
/// The raw binary-COPY rate into the same <c>datapoints</c> table, with the same row shape and batch size as the load
/// and no host in between: one connection, one COPY (and commit) per batch, as fast as it goes.
/// </summary>
internal static class RawCopy
{
    public const string CopyCommand = "COPY datapoints (event_id, experiment_id, \"timestamp\", value) FROM STDIN (FORMAT BINARY)";

    public static async Task<double> MeasureAsync(string connectionString, IReadOnlyList<Guid> events, int batchSize, TimeSpan duration, CancellationToken cancellationToken)
    {
        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var ids = new List<int>();
        await using (var command = new NpgsqlCommand("SELECT id FROM events WHERE public_id = ANY($1)", connection))
        {
            command.Parameters.Add(new NpgsqlParameter<Guid[]> { TypedValue = [.. events] });
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                ids.Add(reader.GetInt32(0));
            }
        }

        if (ids.Count == 0)
        {
            throw new InvalidOperationException("The load's events are not in this database; is --db the host's database?");
        }

        long rows = 0;
        var started = Stopwatch.GetTimestamp();
        var end = started + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        while (Stopwatch.GetTimestamp() < end)
        {
            var now = DateTime.UtcNow;
            await using (var importer = await connection.BeginBinaryImportAsync(CopyCommand, cancellationToken))
            {
                for (var i = 0; i < batchSize; i++)
                {
                    await importer.StartRowAsync(cancellationToken);
                    await importer.WriteAsync(ids[i % ids.Count], NpgsqlDbType.Integer, cancellationToken);
                    await importer.WriteNullAsync(cancellationToken);
                    await importer.WriteAsync(now, NpgsqlDbType.TimestampTz, cancellationToken);
                    await importer.WriteAsync(20 + (i % 50) * 0.25, NpgsqlDbType.Double, cancellationToken);
                }

                await importer.CompleteAsync(cancellationToken);
            }

            rows += batchSize;
        }

        return rows / Stopwatch.GetElapsedTime(started).TotalSeconds;
    }
}
