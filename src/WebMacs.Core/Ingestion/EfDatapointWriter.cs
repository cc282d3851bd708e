using Microsoft.EntityFrameworkCore;
using WebMacs.Domain;
using WebMacs.Persistence;

namespace WebMacs.Ingestion;

/// <summary>
/// The portable <see cref="IDatapointWriter"/>: EF Core change tracking and <c>SaveChanges</c> in one transaction. Used
/// for stores without a bulk writer of their own and as the baseline the benchmarks compare the bulk writers with.
/// </summary>
internal sealed class EfDatapointWriter(IDbContextFactory<WebMacsDbContext> contexts) : IDatapointWriter
{
    public async Task<bool[]> WriteAsync(IReadOnlyList<IngestBatch> group, DateTime now, CancellationToken cancellationToken)
    {
        var duplicates = new bool[group.Count];
        var db = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        await using (db.ConfigureAwait(false))
        {
            var transaction = await db.Database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            await using (transaction.ConfigureAwait(false))
            {
                for (var i = 0; i < group.Count; i++)
                {
                    var batch = group[i];
                    if (batch.Sequence is { } sequence && !await ClaimAsync(db, sequence.Source, sequence.Seq, now, cancellationToken).ConfigureAwait(false))
                    {
                        duplicates[i] = true;
                        continue;
                    }

                    foreach (var row in batch.Rows)
                    {
                        db.Datapoints.Add(new Datapoint { EventId = row.EventId, ExperimentId = batch.ExperimentId, Timestamp = row.Timestamp, Value = row.Value });
                    }
                }

                await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
                await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            }
        }

        return duplicates;
    }

    /// <summary>Raises the source's highest seq to <paramref name="seq"/> (or creates the source); false when it is not higher.</summary>
    private static async Task<bool> ClaimAsync(WebMacsDbContext db, string source, long seq, DateTime now, CancellationToken cancellationToken)
    {
        var tracked = db.TelemetrySources.Local.FirstOrDefault(s => s.Source == source)
            ?? await db.TelemetrySources.FirstOrDefaultAsync(s => s.Source == source, cancellationToken).ConfigureAwait(false);
        if (tracked is null)
        {
            db.TelemetrySources.Add(new TelemetrySource { Source = source, LastSeq = seq, UpdatedOn = now });
            return true;
        }

        if (tracked.LastSeq >= seq)
        {
            return false;
        }

        tracked.LastSeq = seq;
        tracked.UpdatedOn = now;
        return true;
    }
}
