using System.Net.WebSockets;
using System.Threading.Channels;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using WebMacs.Commands;
using WebMacs.Ingestion;

namespace WebMacs.AspNetCore.WebSockets;

/// <summary>
/// <c>/ws/controller/telemetry</c> (reference §5.2 with the compat decisions and extensions): each text message is
/// parsed in one pass (<see cref="TelemetryFrame"/>), validated against the cached linkage map and queued to the
/// <see cref="IngestionPipeline"/>; the next message is read while earlier ones are being written (at most
/// <see cref="IngestionOptions.MaxInFlightPerConnection"/> at once). Replies — error frames and, for messages with
/// <c>source</c>/<c>seq</c>, an <c>ack</c> after the commit — go out in message order from one reply loop.
/// </summary>
internal sealed partial class TelemetrySocket(WebSocket socket, HttpContext context, WebMacsWebSocketOptions options, ILogger logger)
{
    private const string NotStored = "Batch could not be stored";

    public async Task RunAsync()
    {
        var cancellationToken = context.RequestAborted;
        var services = context.RequestServices;
        var pipeline = services.GetRequiredService<IngestionPipeline>();
        var time = services.GetRequiredService<TimeProvider>();
        var inFlight = services.GetRequiredService<IOptions<IngestionOptions>>().Value.MaxInFlightPerConnection;
        using var sender = new SocketSender(socket);
        using var reader = new MessageReader(socket, options.MaxMessageBytes);
        var session = new ControllerSession(
            sender,
            services.GetRequiredService<ControllerRegistry>(),
            services.GetRequiredService<CommandDispatcher>(),
            services.GetRequiredService<CommandMetrics>(),
            logger,
            cancellationToken);
        await using var endSession = session.ConfigureAwait(false);
        var replies = Channel.CreateBounded<Reply>(new BoundedChannelOptions(inFlight)
        {
            FullMode = BoundedChannelFullMode.Wait,
            SingleReader = true,
            SingleWriter = true,
        });
        var replyLoop = SendRepliesAsync(replies.Reader, sender, cancellationToken);
        try
        {
            // Stop reading when the host stops, so an open connection does not hold the shutdown until its timeout (and
            // the pipeline then still writes what is queued); the client resends what it has not seen acknowledged.
            using var receiving = CancellationTokenSource.CreateLinkedTokenSource(
                cancellationToken, services.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping);
            var end = await ReceiveAsync(reader, replies.Writer, pipeline, session, time, receiving.Token).ConfigureAwait(false);
            replies.Writer.TryComplete();
            await replyLoop.ConfigureAwait(false);
            await end(sender).ConfigureAwait(false);
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
        finally
        {
            replies.Writer.TryComplete();
            await replyLoop.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }

    /// <summary>Reads messages until the client stops; returns how to end the connection once every reply is out.</summary>
    private static async Task<Func<SocketSender, Task>> ReceiveAsync(
        MessageReader reader, ChannelWriter<Reply> replies, IngestionPipeline pipeline, ControllerSession session, TimeProvider time, CancellationToken cancellationToken)
    {
        while (true)
        {
            var status = await reader.ReceiveAsync(cancellationToken).ConfigureAwait(false);
            if (status != ReceiveStatus.Text)
            {
                return sender => WebSocketEndpoints.CloseForAsync(sender, status);
            }

            if (await session.TryHandleAsync(reader.Message, cancellationToken).ConfigureAwait(false))
            {
                continue;
            }

            var now = time.GetUtcNow().UtcDateTime;
            using var frame = TelemetryFrame.Parse(reader.Message.Span, now);
            if (frame.Error is { } error)
            {
                await replies.WriteAsync(Reply.Failure(error, frame.Seq), cancellationToken).ConfigureAwait(false);
                continue;
            }

            if (frame.Refused.Count > 0)
            {
                await replies.WriteAsync(Reply.Failure(frame.RefusalText(), frame.Seq), cancellationToken).ConfigureAwait(false);
            }

            if (frame.Count > 0 && !frame.HasValidItems)
            {
                await replies.WriteAsync(Reply.Failure("No valid datapoints in batch", frame.Seq), cancellationToken).ConfigureAwait(false);
                continue;
            }

            if (frame.Count == 0 && frame.Sequence is null)
            {
                continue;
            }

            var snapshot = await pipeline.SnapshotAsync(cancellationToken).ConfigureAwait(false);
            var batch = IngestionPipeline.Prepare(frame.Items, frame.Sequence, snapshot, now);
            batch.Rejected += frame.Unnamed + frame.Refused.Sum(r => r.Value.Count);
            if (batch.Count == 0 && frame.Sequence is null)
            {
                pipeline.Discard(batch);
                continue;
            }

            batch.Origin = session;
            Task<BatchOutcome> completion;
            try
            {
                completion = await pipeline.SubmitAsync(batch, cancellationToken).ConfigureAwait(false);
            }
            catch (InvalidOperationException)
            {
                batch.Release();
                await replies.WriteAsync(Reply.Failure("Server is shutting down; send the batch again after reconnecting", frame.Seq), cancellationToken).ConfigureAwait(false);
                return sender => sender.CloseAsync(WebSocketCloseStatus.EndpointUnavailable, "Server is shutting down");
            }

            await replies.WriteAsync(Reply.After(completion, frame.Sequence?.Seq), cancellationToken).ConfigureAwait(false);
        }
    }

    private static async Task SendRepliesAsync(ChannelReader<Reply> replies, SocketSender sender, CancellationToken cancellationToken)
    {
        await foreach (var reply in replies.ReadAllAsync(cancellationToken).ConfigureAwait(false))
        {
            if (reply.Error is { } error)
            {
                await sender.SendErrorAsync(error, reply.Seq, cancellationToken).ConfigureAwait(false);
                continue;
            }

            var outcome = await reply.Completion!.ConfigureAwait(false);
            if (outcome == BatchOutcome.Failed)
            {
                await sender.SendErrorAsync(NotStored, reply.Seq, cancellationToken).ConfigureAwait(false);
            }
            else if (reply.Seq is { } seq)
            {
                await sender.SendAckAsync(seq, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Telemetry WebSocket failed; the connection is closed with 1011.")]
    private static partial void LogFailure(ILogger logger, Exception exception);

    /// <summary>One reply in message order: an error known at once, or the outcome of a queued batch.</summary>
    private readonly record struct Reply(string? Error, long? Seq, Task<BatchOutcome>? Completion)
    {
        public static Reply Failure(string error, long? seq) => new(error, seq, null);

        public static Reply After(Task<BatchOutcome> completion, long? seq) => new(null, seq, completion);
    }
}
