using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;

namespace WebMacs.Ingestion;

/// <summary>
/// The instruments of the meter <c>WebMacs.Ingestion</c>: datapoints accepted and rejected, duplicate batches, write
/// latency and size, queue depth, live-stream drops and webhook delivery outcomes.
/// </summary>
internal sealed class IngestionMetrics : IDisposable
{
    public const string MeterName = "WebMacs.Ingestion";

    private readonly Meter meter;
    private readonly Counter<long> accepted;
    private readonly Counter<long> rejected;
    private readonly Counter<long> duplicates;
    private readonly Counter<long> failed;
    private readonly Histogram<double> writeDuration;
    private readonly Histogram<long> writeRows;
    private readonly Counter<long> webhookOutcomes;
    private readonly Counter<long> ruleTriggers;
    private Func<int> queueDepth = () => 0;

    public IngestionMetrics(IServiceProvider services, DatapointFeed feed)
    {
        meter = services.GetService<IMeterFactory>()?.Create(MeterName) ?? new Meter(MeterName);
        accepted = meter.CreateCounter<long>("webmacs.ingestion.datapoints.accepted", "{datapoint}", "Datapoints committed to the store.");
        rejected = meter.CreateCounter<long>("webmacs.ingestion.datapoints.rejected", "{datapoint}", "Datapoints dropped: invalid, unlinked, refused or not storable.");
        duplicates = meter.CreateCounter<long>("webmacs.ingestion.batches.duplicate", "{batch}", "Telemetry batches acknowledged again without storing (source/seq seen before).");
        failed = meter.CreateCounter<long>("webmacs.ingestion.batches.failed", "{batch}", "Batches the store refused.");
        writeDuration = meter.CreateHistogram<double>("webmacs.ingestion.write.duration", "s", "Time from queueing a batch to its commit.");
        writeRows = meter.CreateHistogram<long>("webmacs.ingestion.write.rows", "{datapoint}", "Rows per write transaction.");
        webhookOutcomes = meter.CreateCounter<long>("webmacs.webhooks.deliveries", "{attempt}", "Webhook delivery attempts by outcome.");
        ruleTriggers = meter.CreateCounter<long>("webmacs.rules.triggered", "{trigger}", "Rules that fired.");
        meter.CreateObservableGauge("webmacs.ingestion.queue.depth", () => queueDepth(), "{batch}", "Batches waiting for the writer.");
        meter.CreateObservableCounter("webmacs.stream.dropped", () => feed.DroppedFrames, "{frame}", "Live-stream frames dropped because a client fell behind.");
        meter.CreateObservableCounter("webmacs.stream.disconnected", () => feed.DisconnectedSubscribers, "{client}", "Live-stream clients dropped because a frame could not be sent in time (or at all).");
    }

    public void ObserveQueue(Func<int> depth) => queueDepth = depth;

    public void Accepted(int count) => accepted.Add(count);

    public void Rejected(int count)
    {
        if (count > 0)
        {
            rejected.Add(count);
        }
    }

    public void Duplicate() => duplicates.Add(1);

    public void Failed() => failed.Add(1);

    public void Written(int rows, TimeSpan sinceQueued)
    {
        writeRows.Record(rows);
        writeDuration.Record(sinceQueued.TotalSeconds);
    }

    public void WebhookAttempt(string outcome) => webhookOutcomes.Add(1, new KeyValuePair<string, object?>("outcome", outcome));

    public void RuleTriggered(string action) => ruleTriggers.Add(1, new KeyValuePair<string, object?>("action", action));

    public void Dispose() => meter.Dispose();
}
