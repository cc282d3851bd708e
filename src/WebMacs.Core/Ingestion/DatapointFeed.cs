using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;
using WebMacs.Common;

namespace WebMacs.Ingestion;

/// <summary>One stored datapoint as the live stream shows it.</summary>
internal readonly record struct FeedItem(Guid EventPublicId, double Value, DateTime Timestamp);

/// <summary>
/// The in-process live feed behind <c>/ws/datapoints/stream</c> (reference §5.3, §6.1 step 7): after every committed
/// ingestion it builds one <c>datapoints_batch</c> frame from the items of the events that pass the 200 ms per-event
/// throttle and offers it to every subscriber's own bounded queue. Publishing never waits for a subscriber.
/// </summary>
internal sealed class DatapointFeed(TimeProvider time)
{
    /// <summary>The minimum time between two broadcasts of one event (the original's 0.2 s).</summary>
    public static readonly TimeSpan Throttle = TimeSpan.FromMilliseconds(200);

    // Frames go to WebSocket clients, not into HTML: '+' in "+00:00" stays as it is, as the original sends it.
    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private readonly Dictionary<Guid, long> lastBroadcast = [];
    private readonly Lock throttleGate = new();
    private readonly Lock subscribersGate = new();
    private DatapointFeedSubscription[] subscribers = [];
    private long dropped;
    private long disconnected;

    /// <summary>Gets the number of frames dropped so far because a subscriber's queue was full.</summary>
    public long DroppedFrames => Interlocked.Read(ref dropped);

    /// <summary>Gets the number of subscribers dropped because a frame could not be sent (in time).</summary>
    public long DisconnectedSubscribers => Interlocked.Read(ref disconnected);

    /// <summary>Adds a subscriber with a queue of <paramref name="capacity"/> frames; dispose it to leave.</summary>
    public DatapointFeedSubscription Subscribe(int capacity)
    {
        var subscription = new DatapointFeedSubscription(this, capacity);
        lock (subscribersGate)
        {
            subscribers = [.. subscribers, subscription];
        }

        return subscription;
    }

    /// <summary>Offers the committed items of one ingestion to the subscribers (throttled per event).</summary>
    public void Publish(IReadOnlyList<FeedItem> items, Guid? experimentPublicId)
    {
        ArgumentNullException.ThrowIfNull(items);
        if (items.Count == 0)
        {
            return;
        }

        var included = IncludedEvents(items);
        if (included.Count == 0)
        {
            return;
        }

        var selected = items.Where(i => included.Contains(i.EventPublicId)).ToList();
        byte[]? everything = null;
        foreach (var subscriber in Volatile.Read(ref subscribers))
        {
            if (subscriber.Filter is not { } filter)
            {
                subscriber.Offer(everything ??= Frame(selected, experimentPublicId));
            }
            else if (selected.Where(i => filter.Contains(i.EventPublicId)).ToList() is { Count: > 0 } mine)
            {
                subscriber.Offer(Frame(mine, experimentPublicId));
            }
        }
    }

    internal void Remove(DatapointFeedSubscription subscription)
    {
        lock (subscribersGate)
        {
            subscribers = [.. subscribers.Where(s => !ReferenceEquals(s, subscription))];
        }
    }

    internal void CountDrop() => Interlocked.Increment(ref dropped);

    internal void CountDisconnect() => Interlocked.Increment(ref disconnected);

    private HashSet<Guid> IncludedEvents(IReadOnlyList<FeedItem> items)
    {
        var now = time.GetTimestamp();
        var included = new HashSet<Guid>();
        lock (throttleGate)
        {
            foreach (var item in items)
            {
                if (included.Contains(item.EventPublicId))
                {
                    continue;
                }

                if (!lastBroadcast.TryGetValue(item.EventPublicId, out var last) || time.GetElapsedTime(last, now) >= Throttle)
                {
                    lastBroadcast[item.EventPublicId] = now;
                    included.Add(item.EventPublicId);
                }
            }
        }

        return included;
    }

    /// <summary>Builds <c>{"type":"datapoints_batch","datapoints":[…]}</c> with Python-style floats and <c>+00:00</c> times.</summary>
    private static byte[] Frame(List<FeedItem> items, Guid? experimentPublicId)
    {
        var buffer = new ArrayBufferWriter<byte>(64 + (items.Count * 160));
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            writer.WriteStartObject();
            writer.WriteString("type", "datapoints_batch");
            writer.WriteStartArray("datapoints");
            foreach (var item in items)
            {
                writer.WriteStartObject();
                writer.WritePropertyName("value");
                writer.WriteRawValue(PythonFloat.Format(item.Value), skipInputValidation: true);
                writer.WriteString("event_public_id", item.EventPublicId.ToString());
                writer.WriteString("timestamp", PythonTime.Format(item.Timestamp));
                if (experimentPublicId is { } experiment)
                {
                    writer.WriteString("experiment_public_id", experiment.ToString());
                }
                else
                {
                    writer.WriteNull("experiment_public_id");
                }

                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }
}
