namespace WebMacs.Acquisition;

/// <summary>
/// A drift-free schedule: tick <c>k</c> is due at <c>origin + k·interval</c> on the monotonic clock of a
/// <see cref="TimeProvider"/>, however long each poll took. A poll that overruns one or more ticks does not cause a
/// burst: the ticks whose slot has passed are skipped and counted in <see cref="Missed"/>, and the tick whose slot the
/// clock is in runs at once. Not thread-safe: one poll loop owns it.
/// </summary>
internal sealed class PollTicker
{
    private readonly TimeProvider time;
    private readonly long origin;
    private readonly long period;
    private long tick;

    /// <summary>Starts the schedule now; the first tick is due one <paramref name="interval"/> from now.</summary>
    public PollTicker(TimeProvider time, TimeSpan interval)
    {
        ArgumentNullException.ThrowIfNull(time);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(interval, TimeSpan.Zero);
        this.time = time;
        Interval = interval;
        period = Math.Max(1, (long)Math.Round(interval.TotalSeconds * time.TimestampFrequency));
        origin = time.GetTimestamp();
    }

    /// <summary>Gets the interval between two ticks.</summary>
    public TimeSpan Interval { get; }

    /// <summary>Gets the number of the last tick returned (0 before the first).</summary>
    public long Tick => tick;

    /// <summary>Gets how many ticks were skipped because a poll overran them.</summary>
    public long Missed { get; private set; }

    /// <summary>Waits until the next tick is due and returns its number (1, 2, …, with gaps after skipped ticks).</summary>
    public async ValueTask<long> WaitAsync(CancellationToken cancellationToken)
    {
        var next = tick + 1;
        var now = time.GetTimestamp();
        var current = (now - origin) / period;
        if (current > next)
        {
            // The slots of ticks next … current−1 have passed while the last poll ran: skip them, run the current one.
            Missed += current - next;
            next = current;
        }

        var due = origin + (next * period);
        while (now < due)
        {
            await Task.Delay(ToTimeSpan(due - now), time, cancellationToken).ConfigureAwait(false);
            now = time.GetTimestamp();
        }

        tick = next;
        return next;
    }

    private TimeSpan ToTimeSpan(long timestamps)
    {
        // Round up to whole ticks so that a timer never wakes the loop just before the due time again and again.
        var ticks = (long)Math.Ceiling(timestamps * (double)TimeSpan.TicksPerSecond / time.TimestampFrequency);
        return TimeSpan.FromTicks(Math.Max(1, ticks));
    }
}
