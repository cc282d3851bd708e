using System.Net.WebSockets;
using System.Text.Json;
using System.Threading.Channels;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using WebMacs.Commands;

namespace WebMacs.Uplink;

/// <summary>
/// The controller side of <c>/ws/controller/telemetry</c> with the ack extension: sends every buffered batch in seq
/// order (at most <see cref="UplinkOptions.MaxInFlight"/> unacknowledged), removes a batch from the buffer when its ack
/// arrives, and after any failure reconnects with exponential back-off and jitter and resends everything still
/// unacknowledged — the backend acknowledges a batch it already committed without storing it again, so nothing is lost
/// or duplicated. The receive side is always drained (acks, errors, and frames it does not know). With an
/// <see cref="ICommandTarget"/> (the acquisition engine) it announces its plugin instances with <c>hello</c> and writes
/// the actuator commands the backend pushes (see UplinkClient.Commands.cs).
/// </summary>
internal sealed partial class UplinkClient(
    TelemetryBuffer buffer, IOptions<UplinkOptions> options, TimeProvider time, ILogger<UplinkClient> logger, ICommandTarget? commands = null) : BackgroundService
{
    private static readonly string[] Retryable = ["Batch could not be stored", "Server is shutting down"];
    private volatile bool connected;

    /// <summary>Gets a value indicating whether a session with the backend is open.</summary>
    public bool IsConnected => connected;

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken).ConfigureAwait(false);

        // Whatever is still collecting goes to disk: it is sent after the next start.
        buffer.Flush(force: true);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        var flusher = FlushLoopAsync(settings.FlushInterval, stoppingToken);
        var failures = 0;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                using var socket = new ClientWebSocket();
                using (var connectTimeout = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken))
                {
                    connectTimeout.CancelAfter(TimeSpan.FromSeconds(15));
                    await socket.ConnectAsync(SocketUri(settings), connectTimeout.Token).ConfigureAwait(false);
                }

                connected = true;
                failures = 0;
                LogConnected(logger, settings.BackendUrl!, buffer.PendingBatches);
                await RunSessionAsync(socket, settings, stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception ex) when (ex is WebSocketException or IOException or OperationCanceledException or InvalidOperationException or JsonException)
            {
                LogSessionFailed(logger, ex.Message);
            }
            finally
            {
                connected = false;
            }

            var delay = Backoff(settings, ++failures);
            await Task.Delay(delay, time, stoppingToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }

        await flusher.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
    }

    /// <summary>Computes the wait before reconnect attempt <paramref name="failures"/>: min·2^(n−1), at most max, times a jitter of 0.5–1.</summary>
    internal static TimeSpan Backoff(UplinkOptions settings, int failures)
    {
        var exponential = settings.MinReconnectDelay * Math.Pow(2, Math.Min(failures - 1, 30));
        var capped = exponential < settings.MaxReconnectDelay ? exponential : settings.MaxReconnectDelay;
        return capped * (0.5 + (Random.Shared.NextDouble() * 0.5));
    }

    private static Uri SocketUri(UplinkOptions settings)
    {
        var builder = new UriBuilder(settings.BackendUrl!)
        {
            Scheme = settings.BackendUrl!.Scheme == Uri.UriSchemeHttps ? "wss" : "ws",
            Query = "token=" + Uri.EscapeDataString(settings.ApiToken!),
        };
        builder.Path = builder.Path.TrimEnd('/') + "/ws/controller/telemetry";
        return builder.Uri;
    }

    private async Task FlushLoopAsync(TimeSpan interval, CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(interval / 2, time);
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
        {
            buffer.Flush();
        }
    }

    private async Task RunSessionAsync(ClientWebSocket socket, UplinkOptions settings, CancellationToken stoppingToken)
    {
        using var session = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        using var window = new SemaphoreSlim(settings.MaxInFlight, settings.MaxInFlight);
        using var sending = new SemaphoreSlim(1, 1);
        var received = Channel.CreateBounded<ReceivedCommand>(new BoundedChannelOptions(CommandQueueCapacity)
        {
            FullMode = BoundedChannelFullMode.Wait,
            SingleReader = true,
            SingleWriter = true,
        });
        var receive = ReceiveLoopAsync(socket, window, settings.MaxInFlight, received.Writer, session);
        var commandLoop = CommandLoopAsync(socket, sending, received.Reader, session.Token);
        try
        {
            HashSet<Guid>? announced = null;
            long lastSent = 0;
            while (!session.IsCancellationRequested)
            {
                announced = await AnnounceAsync(socket, sending, settings, announced, session.Token).ConfigureAwait(false);
                var pending = buffer.PendingAfter(lastSent);
                if (pending.Count == 0)
                {
                    await buffer.WaitForSealedAsync(TimeSpan.FromMilliseconds(250), session.Token).ConfigureAwait(false);
                    continue;
                }

                foreach (var batch in pending)
                {
                    await window.WaitAsync(session.Token).ConfigureAwait(false);
                    byte[] frame;
                    try
                    {
                        frame = await File.ReadAllBytesAsync(batch.Path, session.Token).ConfigureAwait(false);
                    }
                    catch (FileNotFoundException)
                    {
                        // Dropped for space or age meanwhile.
                        window.Release();
                        lastSent = batch.Seq;
                        continue;
                    }

                    await SendAsync(socket, sending, frame, session.Token).ConfigureAwait(false);
                    lastSent = batch.Seq;
                }
            }
        }
        finally
        {
            await session.CancelAsync().ConfigureAwait(false);
            socket.Abort();
            await receive.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            received.Writer.TryComplete();
            await commandLoop.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }

    private async Task ReceiveLoopAsync(ClientWebSocket socket, SemaphoreSlim window, int capacity, ChannelWriter<ReceivedCommand> received, CancellationTokenSource session)
    {
        var chunk = new byte[16 * 1024];
        using var message = new MemoryStream();
        try
        {
            while (!session.IsCancellationRequested)
            {
                var result = await socket.ReceiveAsync(chunk.AsMemory(), session.Token).ConfigureAwait(false);
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    LogClosedByBackend(logger, socket.CloseStatus, socket.CloseStatusDescription);
                    return;
                }

                message.Write(chunk, 0, result.Count);
                if (!result.EndOfMessage)
                {
                    continue;
                }

                var reconnect = Handle(message.GetBuffer().AsSpan(0, (int)message.Length), window, capacity, received);
                message.SetLength(0);
                if (reconnect)
                {
                    return;
                }
            }
        }
        finally
        {
            await session.CancelAsync().ConfigureAwait(false);
        }
    }

    /// <summary>Handles one backend frame; true when the session should start over (a batch worth resending failed).</summary>
    private bool Handle(ReadOnlySpan<byte> frame, SemaphoreSlim window, int capacity, ChannelWriter<ReceivedCommand> received)
    {
        using var document = JsonDocument.Parse(frame.ToArray());
        var root = document.RootElement;
        var type = root.TryGetProperty("type", out var t) ? t.GetString() : null;
        long? seq = root.TryGetProperty("seq", out var s) && s.TryGetInt64(out var n) ? n : null;
        switch (type)
        {
            case "ack" when seq is { } acked:
                buffer.Complete(acked);
                Release(window, capacity);
                return false;
            case "error":
                var text = root.TryGetProperty("message", out var m) ? m.GetString() ?? string.Empty : string.Empty;
                if (seq is not { } failed)
                {
                    LogBackendError(logger, text);
                    return false;
                }

                if (Retryable.Any(r => text.StartsWith(r, StringComparison.Ordinal)))
                {
                    LogRetrying(logger, failed, text);
                    return true;
                }

                if (text.StartsWith("Datapoints refused", StringComparison.Ordinal))
                {
                    // Some items were refused (their timestamps); the batch's ack follows.
                    LogBackendError(logger, text);
                    return false;
                }

                LogRefused(logger, failed, text);
                buffer.Complete(failed, refused: true);
                Release(window, capacity);
                return false;
            case "command":
                Enqueue(root, received);
                return false;
            default:
                return false;
        }
    }

    private static void Release(SemaphoreSlim window, int capacity)
    {
        if (window.CurrentCount < capacity)
        {
            window.Release();
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Uplink connected to {Backend}; {Pending} buffered batches to send.")]
    private static partial void LogConnected(ILogger logger, Uri backend, int pending);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Uplink session ended: {Reason}; reconnecting with back-off.")]
    private static partial void LogSessionFailed(ILogger logger, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The backend closed the uplink: {Status} {Description}.")]
    private static partial void LogClosedByBackend(ILogger logger, WebSocketCloseStatus? status, string? description);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Backend error: {Message}.")]
    private static partial void LogBackendError(ILogger logger, string message);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Batch {Seq} failed ({Message}); resending after reconnect.")]
    private static partial void LogRetrying(ILogger logger, long seq, string message);

    [LoggerMessage(Level = LogLevel.Error, Message = "Batch {Seq} was refused by the backend and dropped: {Message}.")]
    private static partial void LogRefused(ILogger logger, long seq, string message);
}
