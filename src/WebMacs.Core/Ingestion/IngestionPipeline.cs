using System.Threading.Channels;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using WebMacs.Datapoints;

namespace WebMacs.Ingestion;

/// <summary>
/// The hot path of ARCHITECTURE.md "Data flow": validated batches enter one bounded channel (submitters wait when it is
/// full — nothing is dropped); ONE writer drains it, groups whatever is queued (up to
/// <see cref="IngestionOptions.MaxRowsPerWrite"/> rows, lingering at most <see cref="IngestionOptions.MaxWriteDelay"/>)
/// and stores each group in one transaction through the store's <see cref="IDatapointWriter"/>; each batch's
/// completion is set after the commit (that is what an ack means). The live feed gets each batch as it is queued (see
/// <see cref="PublishLive"/>); committed batches go to the <see cref="ICommittedDataObserver"/>s on a second loop, so
/// neither slows the writer.
/// </summary>
internal sealed partial class IngestionPipeline : IHostedService, IDisposable
{
    private readonly Channel<IngestBatch> queue;
    private readonly Channel<IngestBatch> committed;
    private readonly IServiceProvider services;
    private readonly DatapointFeed feed;
    private readonly IngestionMetrics metrics;
    private readonly TimeProvider time;
    private readonly IngestionOptions options;
    private readonly ILogger logger;
    private readonly CancellationTokenSource stopping = new();
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, long> liveSequences = new(StringComparer.Ordinal);
    private Task writerLoop = Task.CompletedTask;
    private Task dispatchLoop = Task.CompletedTask;
    private volatile bool running;
    private IDatapointWriter writer = null!;
    private IngestionCatalog catalog = null!;
    private ICommittedDataObserver[] observers = [];

    /// <remarks>
    /// The store-dependent parts (writer, caches, observers) are resolved in <see cref="StartAsync"/>, after the start-up
    /// checks, so a host without storage fails with the message that says so rather than a DI error.
    /// </remarks>
    public IngestionPipeline(
        IServiceProvider services,
        DatapointFeed feed,
        IngestionMetrics metrics,
        TimeProvider time,
        IOptions<IngestionOptions> options,
        ILogger<IngestionPipeline> logger)
    {
        this.services = services;
        this.feed = feed;
        this.metrics = metrics;
        this.time = time;
        this.options = options.Value;
        this.logger = logger;
        queue = Channel.CreateBounded<IngestBatch>(new BoundedChannelOptions(this.options.QueueCapacity)
        {
            FullMode = BoundedChannelFullMode.Wait,
            SingleReader = true,
        });
        committed = Channel.CreateUnbounded<IngestBatch>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = true });
        metrics.ObserveQueue(() => queue.Reader.Count);
    }

    /// <summary>Gets the number of batches waiting for the writer.</summary>
    public int QueueDepth => queue.Reader.Count;

    /// <summary>Gets the current validation snapshot (cached; see <see cref="IngestionCatalog"/>).</summary>
    public ValueTask<IngestionSnapshot> SnapshotAsync(CancellationToken cancellationToken) => catalog.GetAsync(cancellationToken);

    /// <summary>
    /// Builds a batch from parsed items: keeps the finite values of linked events (reference §6.1 step 2), stamps them
    /// with their own time or <paramref name="now"/> and the running experiment. Never touches the database.
    /// </summary>
    public static IngestBatch Prepare(ReadOnlySpan<TelemetryItem> items, TelemetrySequence? sequence, IngestionSnapshot snapshot, DateTime now)
    {
        var batch = new IngestBatch(items.Length, sequence)
        {
            ExperimentId = snapshot.ExperimentId,
            ExperimentPublicId = snapshot.ExperimentPublicId,
        };
        var stamp = ToMicroseconds(now);
        foreach (var item in items)
        {
            if (double.IsFinite(item.Value) && snapshot.Linked.TryGetValue(item.EventPublicId, out var eventId))
            {
                batch.Add(new DatapointRow(eventId, item.EventPublicId, item.Timestamp is { } t ? ToMicroseconds(t) : stamp, item.Value));
            }
            else
            {
                batch.Rejected++;
            }
        }

        return batch;
    }

    /// <summary>
    /// Queues a batch for the writer (waiting while the queue is full) and returns the task that completes after its
    /// commit. Throws <see cref="InvalidOperationException"/> when the pipeline is not running (host not started or stopping).
    /// </summary>
    public async ValueTask<Task<BatchOutcome>> SubmitAsync(IngestBatch batch, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(batch);
        if (!running)
        {
            throw new InvalidOperationException("The WebMacs ingestion pipeline is not running (the host is not started or is stopping).");
        }

        batch.QueuedAt = time.GetTimestamp();
        PublishLive(batch);
        try
        {
            await queue.Writer.WriteAsync(batch, cancellationToken).ConfigureAwait(false);
        }
        catch (ChannelClosedException ex)
        {
            throw new InvalidOperationException("The WebMacs ingestion pipeline is stopping.", ex);
        }

        return batch.Completion;
    }

    /// <summary>
    /// Offers a validated batch to the live stream as it enters the queue — before its commit, as the original broadcasts
    /// (reference §6.1 step 7) — so dashboards see data without waiting for the disk. A batch resent with a (source, seq)
    /// not above the highest this process already saw is not shown again.
    /// </summary>
    private void PublishLive(IngestBatch batch)
    {
        if (batch.Count == 0)
        {
            return;
        }

        if (batch.Sequence is { } sequence)
        {
            var seen = liveSequences.GetOrAdd(sequence.Source, long.MinValue);
            if (sequence.Seq <= seen || !liveSequences.TryUpdate(sequence.Source, sequence.Seq, seen))
            {
                return;
            }
        }

        var items = new FeedItem[batch.Count];
        var rows = batch.Rows;
        for (var i = 0; i < rows.Length; i++)
        {
            items[i] = new FeedItem(rows[i].EventPublicId, rows[i].Value, rows[i].Timestamp);
        }

        feed.Publish(items, batch.ExperimentPublicId);
    }

    /// <summary>Counts a batch that is not submitted (nothing in it to store) as rejected and returns its buffer.</summary>
    public void Discard(IngestBatch batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        metrics.Rejected(batch.Count + batch.Rejected);
        batch.Release();
    }

    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (services.GetService<Persistence.IStorageProvider>() is null)
        {
            // No store (an edge controller with AddUplink): nothing is ingested here.
            return Task.CompletedTask;
        }

        writer = services.GetRequiredService<IDatapointWriter>();
        catalog = services.GetRequiredService<IngestionCatalog>();
        observers = [.. services.GetServices<ICommittedDataObserver>()];
        running = true;
        writerLoop = Task.Run(WriteLoopAsync, CancellationToken.None);
        dispatchLoop = Task.Run(DispatchLoopAsync, CancellationToken.None);
        return Task.CompletedTask;
    }

    /// <summary>Stops taking batches, writes everything already queued, then finishes the committed-data loop.</summary>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        running = false;
        queue.Writer.TryComplete();
        try
        {
            await writerLoop.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            committed.Writer.TryComplete();
            await stopping.CancelAsync().ConfigureAwait(false);
            await dispatchLoop.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }

    public void Dispose() => stopping.Dispose();

    private static DateTime ToMicroseconds(DateTime utc) => new(utc.Ticks - (utc.Ticks % 10), DateTimeKind.Utc);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The store refused a group of {Count} batches; writing them one by one.")]
    private static partial void LogGroupRefused(ILogger logger, int count, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The store refused a datapoint batch.")]
    private static partial void LogBatchRefused(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "A committed-data observer failed; the others still ran.")]
    private static partial void LogObserverFailed(ILogger logger, Exception exception);
}
