using Microsoft.EntityFrameworkCore;
using WebMacs.Domain;
using WebMacs.Ingestion;
using WebMacs.Persistence;

namespace WebMacs.Datapoints;

/// <summary>One telemetry item: a finite value, its event and, optionally, the client's sampling time (UTC).</summary>
internal readonly record struct TelemetryItem(double Value, Guid EventPublicId, DateTime? Timestamp);

/// <summary>A telemetry batch's (source, seq) pair of the ack/dedup extension.</summary>
internal readonly record struct TelemetrySequence(string Source, long Seq);

/// <summary>
/// The outcome of a telemetry batch: <see cref="Stored"/> when it was committed (or had been before:
/// <see cref="Duplicate"/>), with the counts of kept and dropped items.
/// </summary>
internal readonly record struct TelemetryResult(bool Stored, bool Duplicate, int Accepted, int Rejected);

internal sealed partial class DatapointIngestion
{
    private const int Attempts = 2;

    /// <summary>
    /// Ingests a telemetry batch. With a <paramref name="sequence"/>, the batch is stored only when its seq is above the
    /// highest one committed for that source, and the new highest seq is written in the same transaction as the rows;
    /// an older or equal seq reports <see cref="TelemetryResult.Duplicate"/> and stores nothing.
    /// </summary>
    public async Task<TelemetryResult> IngestTelemetryAsync(IReadOnlyList<TelemetryItem> items, TelemetrySequence? sequence, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(items);
        if (items.Count == 0 && sequence is null)
        {
            return new TelemetryResult(true, false, 0, 0);
        }

        var linked = items.Count == 0 ? [] : await LinkedEventsAsync(items, cancellationToken).ConfigureAwait(false);
        var accepted = items.Where(i => double.IsFinite(i.Value) && linked.ContainsKey(i.EventPublicId)).ToList();
        if (accepted.Count == 0 && sequence is null)
        {
            return new TelemetryResult(true, false, 0, items.Count);
        }

        var experiment = accepted.Count == 0 ? null : await ActiveExperimentAsync(cancellationToken).ConfigureAwait(false);
        var now = Now();
        var rows = accepted.Select(i => new FeedItem(i.EventPublicId, i.Value, i.Timestamp is { } t ? ToMicroseconds(t) : now)).ToList();
        for (var attempt = 1; ; attempt++)
        {
            var outcome = await StoreAsync(rows, linked, experiment?.Id, sequence, now, cancellationToken).ConfigureAwait(false);
            if (outcome == StoreOutcome.Stored)
            {
                feed.Publish(rows, experiment?.PublicId);
                return new TelemetryResult(true, false, accepted.Count, items.Count - accepted.Count);
            }

            if (outcome == StoreOutcome.Duplicate)
            {
                return new TelemetryResult(true, true, 0, 0);
            }

            // A violation: another connection created the same source first (a retry sees its row), or an event or the
            // experiment vanished after the checks above (nothing was stored).
            if (sequence is null || attempt == Attempts)
            {
                return new TelemetryResult(false, false, 0, items.Count);
            }
        }
    }

    private async Task<StoreOutcome> StoreAsync(
        List<FeedItem> rows, Dictionary<Guid, int> linked, int? experimentId, TelemetrySequence? sequence, DateTime now, CancellationToken cancellationToken)
    {
        var transaction = sequence is null ? null : await db.Database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await using (transaction)
        {
            if (sequence is { } claim && !await ClaimAsync(claim, now, cancellationToken).ConfigureAwait(false))
            {
                return StoreOutcome.Duplicate;
            }

            foreach (var row in rows)
            {
                db.Datapoints.Add(new Datapoint { EventId = linked[row.EventPublicId], ExperimentId = experimentId, Timestamp = row.Timestamp, Value = row.Value });
            }

            if (await saver.SaveAsync(cancellationToken).ConfigureAwait(false) != ConstraintViolation.None)
            {
                return StoreOutcome.Violation;
            }

            if (transaction is not null)
            {
                await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            }

            db.ChangeTracker.Clear();
            return StoreOutcome.Stored;
        }
    }

    /// <summary>Raises the source's highest seq to this batch's (or creates the source); false when it is not higher.</summary>
    private async Task<bool> ClaimAsync(TelemetrySequence sequence, DateTime now, CancellationToken cancellationToken)
    {
        var (source, seq) = sequence;
        var raised = await db.TelemetrySources
            .Where(s => s.Source == source && s.LastSeq < seq)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.LastSeq, seq).SetProperty(x => x.UpdatedOn, now), cancellationToken)
            .ConfigureAwait(false);
        if (raised > 0)
        {
            return true;
        }

        if (await db.TelemetrySources.AnyAsync(s => s.Source == source, cancellationToken).ConfigureAwait(false))
        {
            return false;
        }

        db.TelemetrySources.Add(new TelemetrySource { Source = source, LastSeq = seq, UpdatedOn = now });
        return true;
    }

    private enum StoreOutcome
    {
        Stored,
        Duplicate,
        Violation,
    }
}
