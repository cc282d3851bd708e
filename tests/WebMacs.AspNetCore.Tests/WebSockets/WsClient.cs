using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using WebMacs.Testing.Hosting;

namespace WebMacs.AspNetCore.Tests.WebSockets;

/// <summary>A real <see cref="ClientWebSocket"/> to a test host's <c>/ws/…</c> endpoint, with bounded waits.</summary>
internal sealed class WsClient : IAsyncDisposable
{
    public const string Telemetry = "/ws/controller/telemetry";
    public const string Stream = "/ws/datapoints/stream";

    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(30);
    private readonly ClientWebSocket socket;

    private WsClient(ClientWebSocket socket) => this.socket = socket;

    public WebSocketState State => socket.State;

    public static async Task<WsClient> ConnectAsync(WebMacsTestHost host, string path, string? token)
    {
        var builder = new UriBuilder(host.BaseAddress) { Scheme = "ws", Path = path };
        if (token is not null)
        {
            builder.Query = "token=" + Uri.EscapeDataString(token);
        }

        var socket = new ClientWebSocket();
        using var timeout = Timeout();
        await socket.ConnectAsync(builder.Uri, timeout.Token);
        return new WsClient(socket);
    }

    /// <summary>Connects to the stream and consumes its <c>connected</c> frame.</summary>
    public static async Task<WsClient> ConnectStreamAsync(WebMacsTestHost host, string token)
    {
        var client = await ConnectAsync(host, Stream, token);
        var connected = await client.ReceiveJsonAsync();
        Assert.Equal("connected", connected.GetProperty("type").GetString());
        return client;
    }

    public Task SendTextAsync(string text) => SendAsync(Encoding.UTF8.GetBytes(text), WebSocketMessageType.Text);

    public async Task SendAsync(byte[] bytes, WebSocketMessageType type)
    {
        using var timeout = Timeout();
        await socket.SendAsync(bytes, type, endOfMessage: true, timeout.Token);
    }

    /// <summary>Receives the next message as JSON; fails when the server closes instead.</summary>
    public async Task<JsonElement> ReceiveJsonAsync()
    {
        var (type, text) = await ReceiveAsync();
        Assert.True(type == WebSocketMessageType.Text, $"Expected a text frame, got {type} ({socket.CloseStatus} {socket.CloseStatusDescription}).");
        using var document = JsonDocument.Parse(text);
        return document.RootElement.Clone();
    }

    /// <summary>Receives the next message as raw text.</summary>
    public async Task<string> ReceiveTextAsync()
    {
        var (type, text) = await ReceiveAsync();
        Assert.True(type == WebSocketMessageType.Text, $"Expected a text frame, got {type} ({socket.CloseStatus} {socket.CloseStatusDescription}).");
        return text;
    }

    /// <summary>Reads until the server's close frame and returns its code and reason (text frames before it are skipped).</summary>
    public async Task<(WebSocketCloseStatus? Status, string? Reason)> ReceiveCloseAsync()
    {
        while (true)
        {
            var (type, _) = await ReceiveAsync();
            if (type == WebSocketMessageType.Close)
            {
                // Complete the close handshake, as a well-behaved client does. After a protocol error (invalid UTF-8)
                // the server's socket has already gone, which is fine: its close frame was read.
                var status = (socket.CloseStatus, socket.CloseStatusDescription);
                using var timeout = Timeout();
                try
                {
                    await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, null, timeout.Token);
                }
                catch (WebSocketException)
                {
                }

                return status;
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (socket.State == WebSocketState.Open)
        {
            using var timeout = Timeout();
            try
            {
                await socket.CloseAsync(WebSocketCloseStatus.NormalClosure, null, timeout.Token);
            }
            catch (Exception ex) when (ex is WebSocketException or OperationCanceledException)
            {
                socket.Abort();
            }
        }

        socket.Dispose();
    }

    /// <summary>Drops the connection without a close handshake.</summary>
    public void Abort() => socket.Abort();

    private static CancellationTokenSource Timeout()
    {
        var source = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        source.CancelAfter(Wait);
        return source;
    }

    private async Task<(WebSocketMessageType Type, string Text)> ReceiveAsync()
    {
        using var timeout = Timeout();
        using var message = new MemoryStream();
        var buffer = new byte[16 * 1024];
        while (true)
        {
            var result = await socket.ReceiveAsync(buffer.AsMemory(), timeout.Token);
            if (result.MessageType == WebSocketMessageType.Close)
            {
                return (WebSocketMessageType.Close, string.Empty);
            }

            message.Write(buffer, 0, result.Count);
            if (result.EndOfMessage)
            {
                return (result.MessageType, Encoding.UTF8.GetString(message.ToArray()));
            }
        }
    }
}
