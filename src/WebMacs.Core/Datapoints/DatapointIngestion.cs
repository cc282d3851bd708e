using Microsoft.EntityFrameworkCore;
using WebMacs.Ingestion;
using WebMacs.Persistence;

namespace WebMacs.Datapoints;

/// <summary>How many items of one ingested batch were stored and how many were dropped.</summary>
internal readonly record struct IngestResult(int Accepted, int Rejected)
{
    public static IngestResult Empty { get; } = new(0, 0);
}

/// <summary>
/// The ingestion pipeline shared by <c>POST /datapoints</c>, <c>POST /datapoints/batch</c> and the telemetry socket
/// (reference §6.1 steps 1–4, 7 and 8): keeps the items whose event is mapped by a channel of an enabled plugin
/// instance, stamps them with the server time (or the client's time, telemetry extension) and the running experiment,
/// stores them in one insert, committed before it returns, and then offers them to the live feed. Callers see only
/// the counts, so the storage strategy can change without touching them.
/// </summary>
internal sealed partial class DatapointIngestion(WebMacsDbContext db, ChangeSaver saver, TimeProvider time, DatapointFeed feed)
{
    public async Task<IngestResult> IngestAsync(IReadOnlyList<(double Value, Guid EventPublicId)> items, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(items);
        if (items.Count == 0)
        {
            return IngestResult.Empty;
        }

        var telemetry = items.Select(i => new TelemetryItem(i.Value, i.EventPublicId, null)).ToList();
        var result = await IngestTelemetryAsync(telemetry, null, cancellationToken).ConfigureAwait(false);
        return result.Stored ? new IngestResult(result.Accepted, result.Rejected) : new IngestResult(0, items.Count);
    }

    /// <summary>Tells whether the event is mapped by a channel of an enabled plugin instance (the linkage filter).</summary>
    public Task<bool> IsLinkedAsync(int eventId, CancellationToken cancellationToken) =>
        db.ChannelMappings.AnyAsync(m => m.EventId == eventId && m.PluginInstance!.Enabled, cancellationToken);

    private async Task<Dictionary<Guid, int>> LinkedEventsAsync(IReadOnlyList<TelemetryItem> items, CancellationToken cancellationToken)
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
    private async Task<(int Id, Guid PublicId)?> ActiveExperimentAsync(CancellationToken cancellationToken)
    {
        var row = await db.Experiments.AsNoTracking()
            .Where(e => e.StoppedOn == null)
            .OrderBy(e => e.StartedOn == null)
            .ThenByDescending(e => e.StartedOn)
            .ThenByDescending(e => e.Id)
            .Select(e => new { e.Id, e.PublicId })
            .FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false);
        return row is null ? null : (row.Id, row.PublicId);
    }

    /// <summary>Gets the current UTC time at the microsecond precision every store keeps.</summary>
    private DateTime Now() => ToMicroseconds(time.GetUtcNow().UtcDateTime);

    private static DateTime ToMicroseconds(DateTime utc) => new(utc.Ticks - (utc.Ticks % 10), DateTimeKind.Utc);
}
