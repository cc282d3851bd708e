using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace WebMacs.LoadTest;

/// <summary>
/// One stage of the original's load test (<c>scripts/load_test.py</c>): <c>sensors</c> × <c>hz</c> through
/// <c>POST /api/v1/datapoints/batch</c> (one item per sensor per tick, ticks on a fixed schedule, requests not waiting
/// for each other), reporting request latency; and, as the original does, one <c>GET /api/v1/datapoints/latest</c>
/// ("dashboard poll") timed after every <c>int(hz × 2)</c>-th batch.
/// </summary>
internal sealed class RestLoad(HttpClient http, IReadOnlyList<Guid> sensors, double hz)
{
    private long ok;
    private long failed;

    public Percentiles Latency { get; } = new();

    public Percentiles Dashboard { get; } = new();

    /// <summary>Every measured request: seconds since the stage started, "batch" or "poll", milliseconds.</summary>
    public ConcurrentQueue<(double Seconds, string Kind, double Milliseconds)> Samples { get; } = new();

    public long Ok => Interlocked.Read(ref ok);

    public long Failed => Interlocked.Read(ref failed);

    public async Task RunAsync(TimeSpan warmup, TimeSpan duration, CancellationToken cancellationToken)
    {
        var interval = TimeSpan.FromSeconds(1 / hz);
        var pollEvery = Math.Max(1, (int)(hz * 2));
        var origin = Stopwatch.GetTimestamp();
        var measureFrom = origin + (long)(warmup.TotalSeconds * Stopwatch.Frequency);
        var total = (long)((warmup + duration) / interval);
        var running = new List<Task>();
        for (long tick = 0; tick < total && !cancellationToken.IsCancellationRequested; tick++)
        {
            var wait = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), origin + (long)(tick * interval.TotalSeconds * Stopwatch.Frequency));
            if (wait > TimeSpan.Zero)
            {
                await Task.Delay(wait, cancellationToken);
            }

            running.Add(SendAsync(tick, origin, measureFrom, (tick + 1) % pollEvery == 0, cancellationToken));
        }

        await Task.WhenAll(running);
    }

    private async Task SendAsync(long tick, long origin, long measureFrom, bool poll, CancellationToken cancellationToken)
    {
        // The body is built before the clock starts: the figure is the request, not the client's JSON serialisation.
        var body = new StringBuilder("{\"datapoints\":[", 64 * sensors.Count);
        for (var i = 0; i < sensors.Count; i++)
        {
            body.Append(i == 0 ? "{" : ",{").Append(CultureInfo.InvariantCulture, $"\"value\":{20 + ((tick + i) % 50 * 0.25)},\"event_public_id\":\"{sensors[i]}\"}}");
        }

        // Encoded to UTF-8 up front too (a StringContent would encode while the request is timed).
        using var content = new ByteArrayContent(Encoding.UTF8.GetBytes(body.Append("]}").ToString()));
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        var started = Stopwatch.GetTimestamp();
        using var response = await http.PostAsync("/api/v1/datapoints/batch", content, cancellationToken);
        var elapsed = Stopwatch.GetElapsedTime(started);
        if (!response.IsSuccessStatusCode)
        {
            Interlocked.Increment(ref failed);
            Console.Error.WriteLine($"REST batch: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(cancellationToken)}");
            return;
        }

        var measured = started >= measureFrom;
        if (measured)
        {
            Interlocked.Increment(ref ok);
            Latency.RecordMicroseconds((long)elapsed.TotalMicroseconds);
            Samples.Enqueue((Stopwatch.GetElapsedTime(origin, started).TotalSeconds, "batch", elapsed.TotalMilliseconds));
        }

        if (poll)
        {
            var polled = Stopwatch.GetTimestamp();
            using var latest = await http.GetAsync("/api/v1/datapoints/latest", cancellationToken);
            var pollElapsed = Stopwatch.GetElapsedTime(polled);
            if (!latest.IsSuccessStatusCode)
            {
                Interlocked.Increment(ref failed);
                Console.Error.WriteLine($"Dashboard poll: {(int)latest.StatusCode} {await latest.Content.ReadAsStringAsync(cancellationToken)}");
            }
            else if (measured)
            {
                Dashboard.RecordMicroseconds((long)pollElapsed.TotalMicroseconds);
                Samples.Enqueue((Stopwatch.GetElapsedTime(origin, polled).TotalSeconds, "poll", pollElapsed.TotalMilliseconds));
            }
        }
    }
}
