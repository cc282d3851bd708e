using System.Net.WebSockets;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace WebMacs.AspNetCore.WebSockets;

/// <summary>
/// Maps the two WebSockets of reference §5: the handshake is always accepted, then the <c>?token=</c> is checked and a
/// failure closes the socket with 1008 and the contract's reason. Any authenticated user may use either endpoint.
/// </summary>
internal static class WebSocketEndpoints
{
    public const string InvalidJson = "Invalid JSON";
    public const string NotAnObject = "Message must be a JSON object";

    public static void Map(IEndpointRouteBuilder root)
    {
        root.Map("/ws/controller/telemetry", (HttpContext context) => RunAsync(context, (socket, options) =>
                new TelemetrySocket(socket, context, options, context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger<TelemetrySocket>()).RunAsync()))
            .WithName("TelemetryWebSocket")
            .ExcludeFromDescription();
        root.Map("/ws/datapoints/stream", (HttpContext context) => RunAsync(context, (socket, options) => new StreamSocket(socket, context, options).RunAsync()))
            .WithName("DatapointStreamWebSocket")
            .ExcludeFromDescription();
    }

    /// <summary>Closes the socket for a message the protocol refuses: 1003 binary, 1009 too big, 1007 invalid UTF-8.</summary>
    public static Task CloseForAsync(SocketSender sender, ReceiveStatus status) => status switch
    {
        ReceiveStatus.Binary => sender.CloseAsync(WebSocketCloseStatus.InvalidMessageType, "Binary frames are not supported"),
        ReceiveStatus.TooBig => sender.CloseAsync(WebSocketCloseStatus.MessageTooBig, "Message too big"),
        ReceiveStatus.InvalidUtf8 => sender.CloseAsync(WebSocketCloseStatus.InvalidPayloadData, "Invalid UTF-8"),
        _ => sender.CloseAsync(WebSocketCloseStatus.NormalClosure, string.Empty),
    };

    /// <summary>
    /// Hands every JSON object the client sends to <paramref name="handle"/> until the socket closes. Malformed JSON and
    /// non-object values get an error frame and the connection stays usable; refused frames close it (see
    /// <see cref="CloseForAsync"/>).
    /// </summary>
    public static async Task ReceiveObjectsAsync(MessageReader reader, SocketSender sender, Func<JsonElement, Task> handle, CancellationToken cancellationToken)
    {
        while (true)
        {
            var status = await reader.ReceiveAsync(cancellationToken).ConfigureAwait(false);
            if (status != ReceiveStatus.Text)
            {
                await CloseForAsync(sender, status).ConfigureAwait(false);
                return;
            }

            JsonDocument document;
            try
            {
                document = JsonDocument.Parse(reader.Message);
            }
            catch (JsonException)
            {
                await sender.SendErrorAsync(InvalidJson, null, cancellationToken).ConfigureAwait(false);
                continue;
            }

            using (document)
            {
                if (document.RootElement.ValueKind != JsonValueKind.Object)
                {
                    await sender.SendErrorAsync(NotAnObject, null, cancellationToken).ConfigureAwait(false);
                    continue;
                }

                await handle(document.RootElement).ConfigureAwait(false);
            }
        }
    }

    private static async Task RunAsync(HttpContext context, Func<WebSocket, WebMacsWebSocketOptions, Task> run)
    {
        if (!context.WebSockets.IsWebSocketRequest)
        {
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            return;
        }

        var options = context.RequestServices.GetRequiredService<IOptions<WebMacsWebSocketOptions>>().Value;
        using var socket = await context.WebSockets.AcceptWebSocketAsync().ConfigureAwait(false);
        var (user, reason) = await WebSocketAuthentication.AuthenticateAsync(context).ConfigureAwait(false);
        if (user is null)
        {
            using var sender = new SocketSender(socket);
            await sender.CloseAsync(WebSocketCloseStatus.PolicyViolation, reason!).ConfigureAwait(false);
            return;
        }

        await run(socket, options).ConfigureAwait(false);
    }
}
