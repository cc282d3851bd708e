using System.Globalization;
using System.Net.WebSockets;
using System.Text.Json;

namespace WebMacs.LoadTest;

/// <summary>Live-stream subscribers measuring ingest-to-stream latency: receive time minus each datapoint's sampling time.</summary>
internal sealed class StreamProbe(Uri streamUri, int subscribers)
{
    private long frames;
    private DateTimeOffset measureFrom;
    private DateTimeOffset measureTo;

    public Percentiles Latency { get; } = new();

    public long Frames => Interlocked.Read(ref frames);

    public async Task RunAsync(TimeSpan warmup, TimeSpan duration, CancellationToken cancellationToken)
    {
        measureFrom = DateTimeOffset.UtcNow + warmup;
        measureTo = measureFrom + duration;
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        stop.CancelAfter(warmup + duration + TimeSpan.FromSeconds(1));
        await Task.WhenAll(Enumerable.Range(0, subscribers).Select(_ => SubscriberAsync(stop.Token)));
    }

    private async Task SubscriberAsync(CancellationToken cancellationToken)
    {
        using var socket = new ClientWebSocket();
        await socket.ConnectAsync(streamUri, CancellationToken.None);
        var buffer = new byte[4 * 1024 * 1024];
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                var count = 0;
                ValueWebSocketReceiveResult result;
                do
                {
                    result = await socket.ReceiveAsync(buffer.AsMemory(count), cancellationToken);
                    count += result.Count;
                }
                while (!result.EndOfMessage);

                if (result.MessageType == WebSocketMessageType.Close)
                {
                    return;
                }

                var now = DateTimeOffset.UtcNow;
                if (now < measureFrom || now >= measureTo)
                {
                    continue;
                }

                Interlocked.Increment(ref frames);
                var reader = new Utf8JsonReader(buffer.AsSpan(0, count));
                while (reader.Read())
                {
                    if (reader.TokenType == JsonTokenType.PropertyName && reader.ValueTextEquals("timestamp"u8) && reader.Read()
                        && DateTimeOffset.TryParse(reader.GetString(), CultureInfo.InvariantCulture, DateTimeStyles.None, out var sampled))
                    {
                        Latency.RecordMicroseconds((long)(now - sampled).TotalMicroseconds);
                    }
                }
            }
        }
        catch (OperationCanceledException)
        {
            // The run is over.
        }
    }
}
