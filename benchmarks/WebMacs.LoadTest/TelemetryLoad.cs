using System.Buffers;
using System.Buffers.Text;
using System.Diagnostics;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;

namespace WebMacs.LoadTest;

/// <summary>
/// N telemetry connections sending batches with <c>source</c>/<c>seq</c> (sampling timestamps on every datapoint) and
/// a window of unacknowledged batches; counts acknowledged datapoints (durable throughput) and ack latency.
/// </summary>
internal sealed class TelemetryLoad(Uri socketUri, IReadOnlyList<Guid> events, int connections, int batchSize, double rate, int window)
{
    private long acked;
    private long errors;
    private long measureFrom;
    private long measureTo = long.MaxValue;

    public Percentiles AckLatency { get; } = new();

    public long AckedInWindow => Interlocked.Read(ref acked);

    public long Errors => Interlocked.Read(ref errors);

    public async Task RunAsync(TimeSpan warmup, TimeSpan duration, CancellationToken cancellationToken)
    {
        var start = Stopwatch.GetTimestamp();
        measureFrom = start + (long)(warmup.TotalSeconds * Stopwatch.Frequency);
        measureTo = measureFrom + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        stop.CancelAfter(warmup + duration);
        var run = Guid.NewGuid().ToString("N")[..8];
        var perConnection = rate <= 0 ? 0 : rate / connections;
        await Task.WhenAll(Enumerable.Range(0, connections).Select(i => ConnectionAsync($"load-{run}-{i}", i, perConnection, stop.Token)));
    }

    private async Task ConnectionAsync(string source, int index, double perConnectionRate, CancellationToken cancellationToken)
    {
        using var socket = new ClientWebSocket();
        await socket.ConnectAsync(socketUri, CancellationToken.None);
        var capacity = window * 4;
        var sentAt = new long[capacity];
        using var slots = new SemaphoreSlim(window, window);
        var frame = new FrameBuilder(source, events, batchSize, index);
        var receive = ReceiveAsync(socket, sentAt, capacity, slots);
        var interval = perConnectionRate <= 0 ? 0 : batchSize / perConnectionRate;
        var origin = Stopwatch.GetTimestamp();
        try
        {
            for (long seq = 1; !cancellationToken.IsCancellationRequested; seq++)
            {
                await slots.WaitAsync(cancellationToken);
                if (interval > 0)
                {
                    var due = origin + (long)(seq * interval * Stopwatch.Frequency);
                    var wait = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), due);
                    if (wait > TimeSpan.Zero)
                    {
                        await Task.Delay(wait, cancellationToken);
                    }
                }

                var bytes = frame.Build(seq, DateTimeOffset.UtcNow);
                sentAt[seq % capacity] = Stopwatch.GetTimestamp();
                await socket.SendAsync(bytes, WebSocketMessageType.Text, true, cancellationToken);
            }
        }
        catch (OperationCanceledException)
        {
            // The run is over.
        }

        try
        {
            using var close = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "done", close.Token);
            await receive.WaitAsync(TimeSpan.FromSeconds(10), CancellationToken.None);
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException or TimeoutException)
        {
            Console.Error.WriteLine($"{source}: close: {ex.Message}");
        }
    }

    private async Task ReceiveAsync(ClientWebSocket socket, long[] sentAt, int capacity, SemaphoreSlim slots)
    {
        var buffer = new byte[64 * 1024];
        while (true)
        {
            var count = 0;
            ValueWebSocketReceiveResult result;
            do
            {
                result = await socket.ReceiveAsync(buffer.AsMemory(count), CancellationToken.None);
                count += result.Count;
            }
            while (!result.EndOfMessage);

            if (result.MessageType == WebSocketMessageType.Close)
            {
                return;
            }

            var now = Stopwatch.GetTimestamp();
            using var message = JsonDocument.Parse(buffer.AsMemory(0, count));
            var root = message.RootElement;
            var type = root.GetProperty("type").GetString();
            if (type == "ack")
            {
                var seq = root.GetProperty("seq").GetInt64();
                if (now >= measureFrom && now < measureTo)
                {
                    Interlocked.Add(ref acked, batchSize);
                    AckLatency.RecordMicroseconds((long)Stopwatch.GetElapsedTime(sentAt[seq % capacity], now).TotalMicroseconds);
                }
            }
            else
            {
                Interlocked.Increment(ref errors);
                Console.Error.WriteLine($"server: {Encoding.UTF8.GetString(buffer, 0, count)}");
            }

            if (slots.CurrentCount < window)
            {
                slots.Release();
            }
        }
    }

    /// <summary>Builds batch frames from pre-encoded item prefixes; only seq and the timestamps change.</summary>
    private sealed class FrameBuilder
    {
        private readonly byte[] head;
        private readonly byte[][] items;
        private readonly byte[] buffer;

        public FrameBuilder(string source, IReadOnlyList<Guid> events, int batchSize, int offset)
        {
            head = Encoding.UTF8.GetBytes($"{{\"source\":\"{source}\",\"seq\":");
            items = Enumerable.Range(0, batchSize)
                .Select(i => Encoding.UTF8.GetBytes(FormattableString.Invariant(
                    $"{{\"event_public_id\":\"{events[(i + offset) % events.Count]}\",\"value\":{20 + (i % 50) * 0.25},\"timestamp\":")))
                .ToArray();
            buffer = new byte[head.Length + 64 + items.Sum(i => i.Length + 24)];
        }

        public ReadOnlyMemory<byte> Build(long seq, DateTimeOffset now)
        {
            var span = buffer.AsSpan();
            head.CopyTo(span);
            var at = head.Length;
            Utf8Formatter.TryFormat(seq, span[at..], out var written);
            at += written;
            at += Copy(",\"datapoints\":["u8, span[at..]);
            var millis = now.ToUnixTimeMilliseconds() + (now.Ticks % TimeSpan.TicksPerMillisecond / 10_000.0);
            Span<byte> time = stackalloc byte[32];
            Utf8Formatter.TryFormat(millis, time, out var timeLength, new StandardFormat('F', 3));
            for (var i = 0; i < items.Length; i++)
            {
                if (i > 0)
                {
                    span[at++] = (byte)',';
                }

                at += Copy(items[i], span[at..]);
                at += Copy(time[..timeLength], span[at..]);
                span[at++] = (byte)'}';
            }

            at += Copy("]}"u8, span[at..]);
            return buffer.AsMemory(0, at);
        }

        private static int Copy(ReadOnlySpan<byte> from, Span<byte> to)
        {
            from.CopyTo(to);
            return from.Length;
        }
    }
}
