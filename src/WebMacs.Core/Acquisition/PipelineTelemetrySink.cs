using Microsoft.Extensions.Logging;
using WebMacs.Datapoints;
using WebMacs.Ingestion;

namespace WebMacs.Acquisition;

/// <summary>
/// The in-process telemetry sink: validates samples against the cached linkage map like any telemetry (reference
/// §6.1 step 2), stamps them with their sampling time and queues them in the <see cref="IngestionPipeline"/>. It returns
/// once the batch is queued (waiting while the pipeline's queue is full, which slows the poll loops rather than dropping
/// data); a batch the store refuses later is logged.
/// </summary>
internal sealed partial class PipelineTelemetrySink(IngestionPipeline pipeline, TimeProvider time, ILogger<PipelineTelemetrySink> logger) : ITelemetrySink
{
    public async ValueTask PublishAsync(IReadOnlyList<AcquiredSample> samples, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(samples);
        if (samples.Count == 0)
        {
            return;
        }

        var snapshot = await pipeline.SnapshotAsync(cancellationToken).ConfigureAwait(false);
        var items = new TelemetryItem[samples.Count];
        for (var i = 0; i < items.Length; i++)
        {
            var sample = samples[i];
            items[i] = new TelemetryItem(sample.Value, sample.EventPublicId, sample.Timestamp);
        }

        var batch = IngestionPipeline.Prepare(items, null, snapshot, time.GetUtcNow().UtcDateTime);
        if (batch.Count == 0)
        {
            // None of the events is linked (any more): counted as rejected, like the same items sent over REST.
            pipeline.Discard(batch);
            return;
        }

        var completion = await pipeline.SubmitAsync(batch, cancellationToken).ConfigureAwait(false);
        _ = ObserveAsync(completion, samples.Count);
    }

    private async Task ObserveAsync(Task<BatchOutcome> completion, int count)
    {
        if (await completion.ConfigureAwait(false) == BatchOutcome.Failed)
        {
            LogBatchFailed(logger, count);
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "The store refused a batch of {Count} acquired samples; they are lost.")]
    private static partial void LogBatchFailed(ILogger logger, int count);
}
