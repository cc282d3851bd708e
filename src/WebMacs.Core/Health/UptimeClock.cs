namespace WebMacs.Health;

/// <summary>Measures the time since start-up for <c>GET /health</c>.</summary>
internal sealed class UptimeClock(TimeProvider time)
{
    private long started = time.GetTimestamp();

    public TimeSpan Elapsed => time.GetElapsedTime(Interlocked.Read(ref started));

    public void Reset() => Interlocked.Exchange(ref started, time.GetTimestamp());
}
