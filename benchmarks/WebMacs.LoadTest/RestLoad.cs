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

            running.Add(SendAsync(tick, measureFrom, (tick + 1) % pollEvery == 0, cancellationToken));
        }

        await Task.WhenAll(running);
    }

    private async Task SendAsync(long tick, long measureFrom, bool poll, CancellationToken cancellationToken)
    {
        // The body is built before the clock starts: the figure is the request, not the client's JSON serialisation.
        var body = new StringBuilder("{\"datapoints\":[", 64 * sensors.Count);
        for (var i = 0; i < sensors.Count; i++)
        {
            body.Append(i == 0 ? "{" : ",{").Append(CultureInfo.InvariantCulture, $"\"value\":{20 + ((tick + i) % 50 * 0.25)},\"event_public_id\":\"{sensors[i]}\"}}");
        }

        using var content = new StringContent(body.Append("]}").ToString(), Encoding.UTF8, "application/json");
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
            }
        }
    }
}
