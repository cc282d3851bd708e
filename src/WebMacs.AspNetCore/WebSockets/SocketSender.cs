using System.Buffers;
using System.Net.WebSockets;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace WebMacs.AspNetCore.WebSockets;

/// <summary>
/// Sends text frames on one socket from several loops (one send at a time, as <see cref="WebSocket"/> requires) and
/// closes it with a code and reason the client can read.
/// </summary>
internal sealed class SocketSender(WebSocket socket) : IDisposable
{
    private static readonly TimeSpan CloseWait = TimeSpan.FromSeconds(5);
    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
    private readonly SemaphoreSlim gate = new(1, 1);

    public async Task SendAsync(ReadOnlyMemory<byte> frame, CancellationToken cancellationToken)
    {
        await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await socket.SendAsync(frame, WebSocketMessageType.Text, endOfMessage: true, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>Sends <c>{"type":"error","message":…}</c>, with the batch's <c>seq</c> when it has one.</summary>
    public Task SendErrorAsync(string message, long? seq, CancellationToken cancellationToken) =>
        SendAsync(Build(w =>
        {
            w.WriteString("type", "error");
            w.WriteString("message", message);
            if (seq is { } n)
            {
                w.WriteNumber("seq", n);
            }
        }), cancellationToken);

    public Task SendTypeAsync(string type, CancellationToken cancellationToken) =>
        SendAsync(Build(w => w.WriteString("type", type)), cancellationToken);

    public Task SendAckAsync(long seq, CancellationToken cancellationToken) =>
        SendAsync(Build(w =>
        {
            w.WriteString("type", "ack");
            w.WriteNumber("seq", seq);
        }), cancellationToken);

    /// <summary>
    /// Sends a close frame (unless one was sent already), then waits (bounded) for the client's close so the code
    /// reaches it before the connection ends. Does nothing on a socket that is already closed or aborted.
    /// </summary>
    public async Task CloseAsync(WebSocketCloseStatus status, string reason)
    {
        using var timeout = new CancellationTokenSource(CloseWait);
        try
        {
            if (socket.State is WebSocketState.Open or WebSocketState.CloseReceived)
            {
                await gate.WaitAsync(timeout.Token).ConfigureAwait(false);
                try
                {
                    await socket.CloseOutputAsync(status, reason, timeout.Token).ConfigureAwait(false);
                }
                finally
                {
                    gate.Release();
                }
            }

            var drain = new byte[256];
            while (socket.State == WebSocketState.CloseSent)
            {
                await socket.ReceiveAsync(drain.AsMemory(), timeout.Token).ConfigureAwait(false);
            }
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException or ObjectDisposedException)
        {
            // The client went away or did not answer the close: nothing more to tell it.
        }
    }

    /// <summary>
    /// Ends a socket that failed on receive. When the socket itself refused a frame (invalid UTF-8) it has already sent
    /// its close frame (1007) and given up the connection; holding the connection until the client hangs up (bounded)
    /// keeps that close frame from being lost to a reset.
    /// </summary>
    public async Task EndAfterReceiveErrorAsync(CancellationToken connectionClosed)
    {
        if (socket.State == WebSocketState.Aborted)
        {
            await Task.Delay(CloseWait, connectionClosed).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            return;
        }

        await CloseAsync(WebSocketCloseStatus.ProtocolError, string.Empty).ConfigureAwait(false);
    }

    public void Dispose() => gate.Dispose();

    internal static byte[] Build(Action<Utf8JsonWriter> body)
    {
        var buffer = new ArrayBufferWriter<byte>(128);
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            writer.WriteStartObject();
            body(writer);
            writer.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }
}
