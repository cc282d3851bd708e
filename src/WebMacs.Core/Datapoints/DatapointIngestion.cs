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
/// The REST side of the ingestion pipeline (<c>POST /datapoints</c>, <c>POST /datapoints/batch</c>; reference §6.1):
/// validates the items against the cached linkage map, hands them to the <see cref="IngestionPipeline"/> and waits for
/// the commit, so a 2xx always means stored. The telemetry socket uses the pipeline directly.
/// </summary>
internal sealed class DatapointIngestion(WebMacsDbContext db, IngestionPipeline pipeline, TimeProvider time)
{
    public async Task<IngestResult> IngestAsync(IReadOnlyList<(double Value, Guid EventPublicId)> items, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(items);
        if (items.Count == 0)
        {
            return IngestResult.Empty;
        }

        var snapshot = await pipeline.SnapshotAsync(cancellationToken).ConfigureAwait(false);
        var telemetry = new TelemetryItem[items.Count];
        for (var i = 0; i < items.Count; i++)
        {
            telemetry[i] = new TelemetryItem(items[i].Value, items[i].EventPublicId, null);
        }

        var batch = IngestionPipeline.Prepare(telemetry, null, snapshot, time.GetUtcNow().UtcDateTime);
        if (batch.Count == 0)
        {
            pipeline.Discard(batch);
            return new IngestResult(0, items.Count);
        }

        var completion = await pipeline.SubmitAsync(batch, cancellationToken).ConfigureAwait(false);

        // The batch is in the writer's hands: wait for the commit even if the client goes away, so the answer is true.
        // A re-check after a refused write may have dropped rows (an event deleted meanwhile): count what was stored.
        await completion.ConfigureAwait(false);
        return new IngestResult(batch.StoredRows, items.Count - batch.StoredRows);
    }

    /// <summary>Tells whether the event is mapped by a channel of an enabled plugin instance (the linkage filter).</summary>
    public Task<bool> IsLinkedAsync(int eventId, CancellationToken cancellationToken) =>
        db.ChannelMappings.AnyAsync(m => m.EventId == eventId && m.PluginInstance!.Enabled, cancellationToken);
}
