using System.Threading.Channels;

namespace WebMacs.Ingestion;

/// <summary>
/// One live-stream client's place in the <see cref="DatapointFeed"/>: a bounded queue of ready-made frames (the oldest
/// is dropped, and counted, when the client falls behind) and an optional event filter.
/// </summary>
internal sealed class DatapointFeedSubscription : IDisposable
{
    private readonly DatapointFeed feed;
    private readonly Channel<byte[]> frames;
    private IReadOnlySet<Guid>? filter;
    private long dropped;

    internal DatapointFeedSubscription(DatapointFeed feed, int capacity)
    {
        this.feed = feed;
        frames = Channel.CreateBounded<byte[]>(
            new BoundedChannelOptions(capacity) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true },
            _ =>
            {
                Interlocked.Increment(ref dropped);
                feed.CountDrop();
            });
    }

    /// <summary>Gets the frames to send, oldest first.</summary>
    public ChannelReader<byte[]> Frames => frames.Reader;

    /// <summary>Gets the number of frames this subscriber lost because its queue was full.</summary>
    public long Dropped => Interlocked.Read(ref dropped);

    /// <summary>Gets or sets the events this subscriber wants (null: all).</summary>
    public IReadOnlySet<Guid>? Filter
    {
        get => Volatile.Read(ref filter);
        set => Volatile.Write(ref filter, value);
    }

    /// <summary>Counts this subscriber as disconnected for being too slow (its socket is closed by the caller).</summary>
    public void Disconnect() => feed.CountDisconnect();

    /// <summary>Queues a frame without waiting; a full queue drops its oldest frame.</summary>
    public void Offer(byte[] frame) => frames.Writer.TryWrite(frame);

    public void Dispose()
    {
        feed.Remove(this);
        frames.Writer.TryComplete();
    }
}
