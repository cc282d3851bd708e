using Microsoft.EntityFrameworkCore;
using WebMacs.Domain;
using WebMacs.Persistence;

namespace WebMacs.Datapoints;

/// <summary>How many items of one ingested batch were stored and how many were dropped.</summary>
internal readonly record struct IngestResult(int Accepted, int Rejected)
{
    public static IngestResult Empty { get; } = new(0, 0);
}

/// <summary>
/// The ingestion pipeline shared by <c>POST /datapoints</c>, <c>POST /datapoints/batch</c> and the telemetry socket
/// (reference §6.1 steps 1–4 and 8): keeps the items whose event is mapped by a channel of an enabled plugin instance,
/// stamps them all with one server time and the running experiment, and stores them in one insert, committed before
/// it returns. Callers see only the counts, so the storage strategy can change without touching them.
/// </summary>
internal sealed class DatapointIngestion(WebMacsDbContext db, ChangeSaver saver, TimeProvider time)
{
    public async Task<IngestResult> IngestAsync(IReadOnlyList<(double Value, Guid EventPublicId)> items, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(items);
        if (items.Count == 0)
        {
            return IngestResult.Empty;
        }

        var linked = await LinkedEventsAsync(items, cancellationToken).ConfigureAwait(false);
        var accepted = new List<(double Value, int EventId)>(items.Count);
        foreach (var (value, eventPublicId) in items)
        {
            // Non-finite values are refused at the edges already; no store keeps them, so they never get this far.
            if (double.IsFinite(value) && linked.TryGetValue(eventPublicId, out var eventId))
            {
                accepted.Add((value, eventId));
            }
        }

        if (accepted.Count == 0)
        {
            return new IngestResult(0, items.Count);
        }

        var experimentId = await ActiveExperimentIdAsync(cancellationToken).ConfigureAwait(false);
        var timestamp = Now();
        foreach (var (value, eventId) in accepted)
        {
            db.Datapoints.Add(new Datapoint { EventId = eventId, ExperimentId = experimentId, Timestamp = timestamp, Value = value });
        }

        // A violation here means an event or the experiment vanished after the checks above: nothing was stored.
        if (await saver.SaveAsync(cancellationToken).ConfigureAwait(false) != ConstraintViolation.None)
        {
            return new IngestResult(0, items.Count);
        }

        db.ChangeTracker.Clear();
        return new IngestResult(accepted.Count, items.Count - accepted.Count);
    }

    /// <summary>Tells whether the event is mapped by a channel of an enabled plugin instance (the linkage filter).</summary>
    public Task<bool> IsLinkedAsync(int eventId, CancellationToken cancellationToken) =>
        db.ChannelMappings.AnyAsync(m => m.EventId == eventId && m.PluginInstance!.Enabled, cancellationToken);

    private async Task<Dictionary<Guid, int>> LinkedEventsAsync(IReadOnlyList<(double Value, Guid EventPublicId)> items, CancellationToken cancellationToken)
    {
        var ids = items.Select(i => i.EventPublicId).Distinct().ToList();
        var rows = await db.ChannelMappings.AsNoTracking()
            .Where(m => m.PluginInstance!.Enabled && m.Event != null && ids.Contains(m.Event.PublicId))
            .Select(m => new { m.Event!.PublicId, m.Event.Id })
            .Distinct()
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        return rows.ToDictionary(r => r.PublicId, r => r.Id);
    }

    /// <summary>
    /// Finds the running experiment (<c>stopped_on</c> null). The original takes whichever row comes first; when several
    /// run, this picks the most recently started one (then the newest), the same on every store.
    /// </summary>
    private Task<int?> ActiveExperimentIdAsync(CancellationToken cancellationToken) =>
        db.Experiments.AsNoTracking()
            .Where(e => e.StoppedOn == null)
            .OrderBy(e => e.StartedOn == null)
            .ThenByDescending(e => e.StartedOn)
            .ThenByDescending(e => e.Id)
            .Select(e => (int?)e.Id)
            .FirstOrDefaultAsync(cancellationToken);

    /// <summary>Gets the current UTC time at the microsecond precision every store keeps.</summary>
    private DateTime Now()
    {
        var ticks = time.GetUtcNow().UtcTicks;
        return new DateTime(ticks - (ticks % 10), DateTimeKind.Utc);
    }
}
