namespace WebMacs.AspNetCore.Tests.WebSockets;

/// <summary>
/// The system clock, except that every monotonic reading lies one second after the previous one, so the live feed's
/// 200 ms per-event throttle lets every batch through without a test waiting.
/// </summary>
internal sealed class SteppingTimeProvider : TimeProvider
{
    private long steps;

    public override long GetTimestamp() => base.GetTimestamp() + (Interlocked.Increment(ref steps) * TimestampFrequency);
}
