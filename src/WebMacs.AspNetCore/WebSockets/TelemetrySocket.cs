using System.Net.WebSockets;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using WebMacs.Datapoints;

namespace WebMacs.AspNetCore.WebSockets;

/// <summary>
/// <c>/ws/controller/telemetry</c> (reference §5.2 with the compat decisions and extensions): each text message is a
/// JSON object whose <c>datapoints</c> go through <see cref="DatapointIngestion"/> in a scope of their own, committed
/// before the next message is read; <c>source</c>/<c>seq</c> add an <c>ack</c> after commit and duplicate suppression.
/// </summary>
internal sealed partial class TelemetrySocket(WebSocket socket, HttpContext context, WebMacsWebSocketOptions options, ILogger logger)
{
    public async Task RunAsync()
    {
        var cancellationToken = context.RequestAborted;
        var time = context.RequestServices.GetRequiredService<TimeProvider>();
        using var sender = new SocketSender(socket);
        using var reader = new MessageReader(socket, options.MaxMessageBytes);
        try
        {
            await WebSocketEndpoints.ReceiveObjectsAsync(
                reader,
                sender,
                root => HandleAsync(TelemetryMessage.Parse(root, time.GetUtcNow().UtcDateTime), sender, cancellationToken),
                cancellationToken).ConfigureAwait(false);
        }
        catch (WebSocketException)
        {
            // The client went away, or sent something the socket itself refused (invalid UTF-8: it already sent 1007);
            // let that close frame reach the client before the connection ends.
            await sender.EndAfterReceiveErrorAsync(context.RequestAborted).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // The client went away.
        }
        catch (Exception ex)
        {
            LogFailure(logger, ex);
            await sender.CloseAsync(WebSocketCloseStatus.InternalServerError, "Internal error").ConfigureAwait(false);
        }
    }

    private async Task HandleAsync(TelemetryMessage message, SocketSender sender, CancellationToken cancellationToken)
    {
        if (message.Error is { } error)
        {
            await sender.SendErrorAsync(error, message.Seq, cancellationToken).ConfigureAwait(false);
            return;
        }

        if (message.Refused.Count > 0)
        {
            await sender.SendErrorAsync(message.RefusalText(), message.Seq, cancellationToken).ConfigureAwait(false);
        }

        if (message.Count > 0 && !message.HasValidItems)
        {
            await sender.SendErrorAsync("No valid datapoints in batch", message.Seq, cancellationToken).ConfigureAwait(false);
            return;
        }

        if (message.Count == 0 && message.Sequence is null)
        {
            return;
        }

        await using var scope = context.RequestServices.CreateAsyncScope();
        var ingestion = scope.ServiceProvider.GetRequiredService<DatapointIngestion>();
        var result = await ingestion.IngestTelemetryAsync(message.Items, message.Sequence, cancellationToken).ConfigureAwait(false);
        if (!result.Stored)
        {
            await sender.SendErrorAsync("Batch could not be stored", message.Seq, cancellationToken).ConfigureAwait(false);
        }
        else if (message.Sequence is { } sequence)
        {
            await sender.SendAckAsync(sequence.Seq, cancellationToken).ConfigureAwait(false);
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Telemetry WebSocket failed; the connection is closed with 1011.")]
    private static partial void LogFailure(ILogger logger, Exception exception);
}
