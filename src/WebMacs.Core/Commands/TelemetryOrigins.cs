using System.Collections.Concurrent;
using WebMacs.Ingestion;

namespace WebMacs.Commands;

/// <summary>
/// Remembers which telemetry socket submitted the rows of output events, so the dispatcher does not echo a controller's
/// own report of an output back to it as a command. <see cref="LatestValue"/> carries no origin; a row is recognised by
/// (event, timestamp, value). Bounded: the oldest marks are forgotten first (a mark is normally taken within one
/// dispatch round; marks of rows that a later value of the same event superseded are never taken).
/// </summary>
internal sealed class TelemetryOrigins
{
    private const int Capacity = 16_384;
    private readonly ConcurrentDictionary<(int EventId, DateTime Timestamp, double Value), object> marks = new();
    private readonly ConcurrentQueue<(int EventId, DateTime Timestamp, double Value)> order = new();

    /// <summary>Marks a row as submitted by <paramref name="origin"/> (the socket's connection object).</summary>
    public void Mark(int eventId, DateTime timestamp, double value, object origin)
    {
        var key = (eventId, timestamp, value);
        marks[key] = origin;
        order.Enqueue(key);
        while (order.Count > Capacity && order.TryDequeue(out var old))
        {
            marks.TryRemove(old, out _);
        }
    }

    /// <summary>Takes the origin of a committed value, or null when it did not come from a telemetry socket.</summary>
    public object? Take(in LatestValue value) =>
        marks.TryRemove((value.EventId, value.Timestamp, value.Value), out var origin) ? origin : null;
}
