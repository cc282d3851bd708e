using System.Net.WebSockets;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using WebMacs.Common;
using WebMacs.Ingestion;

namespace WebMacs.AspNetCore.WebSockets;

/// <summary>
/// <c>/ws/datapoints/stream</c> (reference §5.3): <c>connected</c> on open, <c>ping</c> → <c>pong</c>, and the
/// <see cref="DatapointFeed"/>'s <c>datapoints_batch</c> frames from this client's own bounded queue; a
/// <c>subscribe</c> message limits the client to the listed events.
/// </summary>
internal sealed class StreamSocket(WebSocket socket, HttpContext context, WebMacsWebSocketOptions options)
{
    private static readonly byte[] Connected = SocketSender.Build(w =>
    {
        w.WriteString("type", "connected");
        w.WriteString("message", "Subscribed to live datapoint stream.");
    });

    public async Task RunAsync()
    {
        var feed = context.RequestServices.GetRequiredService<DatapointFeed>();
        using var subscription = feed.Subscribe(options.StreamQueueCapacity);
        using var sender = new SocketSender(socket);
        // The host stopping ends the stream too, so an open dashboard never holds the shutdown until its timeout.
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(
            context.RequestAborted, context.RequestServices.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping);
        var pushing = Task.CompletedTask;
        try
        {
            await sender.SendAsync(Connected, stop.Token).ConfigureAwait(false);
            pushing = PushAsync(subscription, sender, stop.Token);
            await ReadAsync(subscription, sender, stop.Token).ConfigureAwait(false);
        }
        catch (WebSocketException)
        {
            // The client went away, or sent something the socket itself refused (invalid UTF-8: it already sent 1007).
            await sender.EndAfterReceiveErrorAsync(context.RequestAborted).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // The client went away.
        }
        finally
        {
            await stop.CancelAsync().ConfigureAwait(false);
            await pushing.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }

    private async Task PushAsync(DatapointFeedSubscription subscription, SocketSender sender, CancellationToken cancellationToken)
    {
        try
        {
            await foreach (var frame in subscription.Frames.ReadAllAsync(cancellationToken).ConfigureAwait(false))
            {
                using var timeout = new CancellationTokenSource(options.StreamSendTimeout);
                using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);

                // A write blocked on a full socket does not always return when its token is cancelled (Kestrel's upgraded
                // stream may keep waiting for the peer), so a timeout aborts the connection itself: that always ends it.
                using var abortOnTimeout = timeout.Token.UnsafeRegister(static state => ((HttpContext)state!).Abort(), context);
                try
                {
                    await sender.SendAsync(frame, linked.Token).ConfigureAwait(false);
                }
                catch (Exception ex) when ((timeout.IsCancellationRequested || !cancellationToken.IsCancellationRequested)
                    && ex is OperationCanceledException or WebSocketException or IOException or ObjectDisposedException)
                {
                    // The client stopped reading (the send timed out) or its connection failed: its queue already dropped
                    // frames; now it is dropped itself, as the original drops a client whose send fails.
                    subscription.Disconnect();
                    socket.Abort();
                    return;
                }
            }
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException or ObjectDisposedException)
        {
            // A send failure drops this client, as in the original.
        }
    }

    private async Task ReadAsync(DatapointFeedSubscription subscription, SocketSender sender, CancellationToken cancellationToken)
    {
        using var reader = new MessageReader(socket, options.MaxMessageBytes);
        await WebSocketEndpoints.ReceiveObjectsAsync(reader, sender, async root =>
        {
            var type = root.TryGetProperty("type", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString() : null;
            if (type == "ping")
            {
                await sender.SendTypeAsync("pong", cancellationToken).ConfigureAwait(false);
            }
            else if (type == "subscribe" && !TrySubscribe(root, subscription))
            {
                await sender.SendErrorAsync("\"event_public_ids\" must be a list of event ids or null", null, cancellationToken).ConfigureAwait(false);
            }
        }, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Applies <c>event_public_ids</c>: a list limits the client to those events, null (or none) restores all.</summary>
    private static bool TrySubscribe(JsonElement root, DatapointFeedSubscription subscription)
    {
        if (!root.TryGetProperty("event_public_ids", out var ids) || ids.ValueKind == JsonValueKind.Null)
        {
            subscription.Filter = null;
            return true;
        }

        if (ids.ValueKind != JsonValueKind.Array)
        {
            return false;
        }

        var filter = new HashSet<Guid>();
        foreach (var id in ids.EnumerateArray())
        {
            if (id.ValueKind != JsonValueKind.String || !PublicIds.TryParse(id.GetString(), out var eventPublicId))
            {
                return false;
            }

            filter.Add(eventPublicId);
        }

        subscription.Filter = filter;
        return true;
    }
}
