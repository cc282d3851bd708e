using System.Text.Json;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using WebMacs.Commands;
using WebMacs.Ingestion;

namespace WebMacs.AspNetCore.WebSockets;

/// <summary>
/// The command side of one telemetry socket (docs/websockets.md, "Actuator commands"): handles the controller's
/// <c>hello</c> (registers the socket for the announced plugin instances, then queues the latest stored value of each
/// of their outputs that were not announced before — <see cref="CommandDispatcher.ReplayAsync"/>; no reply) and
/// <c>command_ack</c> frames, sends queued commands through the socket's <see cref="SocketSender"/> (bounded queue, one
/// send loop). The socket sets itself as the <see cref="IngestBatch.Origin"/> of its batches, so its own values are not
/// echoed back as commands.
/// </summary>
internal sealed partial class ControllerSession : IControllerConnection, IAsyncDisposable
{
    private const int QueueCapacity = 256;
    private static readonly byte[] HelloType = "\"hello\""u8.ToArray();
    private static readonly byte[] AckType = "\"command_ack\""u8.ToArray();
    private readonly Channel<ActuatorCommand> queue = Channel.CreateBounded<ActuatorCommand>(new BoundedChannelOptions(QueueCapacity)
    {
        FullMode = BoundedChannelFullMode.Wait,
        SingleReader = true,
    });

    private readonly SocketSender sender;
    private readonly ControllerRegistry registry;
    private readonly CommandDispatcher dispatcher;
    private readonly CommandMetrics metrics;
    private readonly ILogger logger;
    private readonly CancellationToken connectionClosed;
    private Task sendLoop = Task.CompletedTask;
    private volatile bool announced;

    public ControllerSession(
        SocketSender sender, ControllerRegistry registry, CommandDispatcher dispatcher, CommandMetrics metrics, ILogger logger, CancellationToken connectionClosed)
    {
        this.sender = sender;
        this.registry = registry;
        this.dispatcher = dispatcher;
        this.metrics = metrics;
        this.logger = logger;
        this.connectionClosed = connectionClosed;
    }

    public string Source { get; private set; } = string.Empty;

    public IReadOnlyCollection<Guid> Instances { get; private set; } = [];

    public bool TryEnqueue(ActuatorCommand command) => queue.Writer.TryWrite(command);

    /// <summary>
    /// Handles a control frame; false when <paramref name="message"/> is not one (it is then telemetry). A <c>hello</c>
    /// completes once the catch-up commands are queued, so they go out before any live push of a later value.
    /// </summary>
    public async ValueTask<bool> TryHandleAsync(ReadOnlyMemory<byte> message, CancellationToken cancellationToken)
    {
        if (message.Span.IndexOf(HelloType) < 0 && message.Span.IndexOf(AckType) < 0)
        {
            return false;
        }

        JsonElement root;
        try
        {
            using var document = JsonDocument.Parse(message);
            root = document.RootElement.Clone();
        }
        catch (JsonException)
        {
            return false;
        }

        var type = root.ValueKind == JsonValueKind.Object && root.TryGetProperty("type", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString() : null;
        switch (type)
        {
            case "hello":
                await HelloAsync(root, cancellationToken).ConfigureAwait(false);
                return true;
            case "command_ack":
                Ack(root);
                return true;
            default:
                return false;
        }
    }

    public async ValueTask DisposeAsync()
    {
        registry.Unregister(this);
        queue.Writer.TryComplete();
        await sendLoop.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
    }

    private async Task HelloAsync(JsonElement root, CancellationToken cancellationToken)
    {
        var instances = new List<Guid>();
        if (root.TryGetProperty("instances", out var list) && list.ValueKind == JsonValueKind.Array)
        {
            foreach (var item in list.EnumerateArray())
            {
                if (item.ValueKind == JsonValueKind.String && Guid.TryParse(item.GetString(), out var id))
                {
                    instances.Add(id);
                }
            }
        }

        Source = root.TryGetProperty("source", out var s) && s.ValueKind == JsonValueKind.String ? s.GetString() ?? string.Empty : string.Empty;
        var added = instances.Except(Instances).ToHashSet();
        Instances = instances;
        registry.Register(this);
        if (!announced)
        {
            announced = true;
            sendLoop = SendLoopAsync();
        }

        LogHello(logger, Source, instances.Count);

        // Instances announced before on this connection are up to date: only new ones catch up.
        await dispatcher.ReplayAsync(this, added, cancellationToken).ConfigureAwait(false);
    }

    private void Ack(JsonElement root)
    {
        if (root.TryGetProperty("ok", out var ok) && ok.ValueKind == JsonValueKind.True)
        {
            return;
        }

        var id = root.TryGetProperty("command_id", out var c) && c.ValueKind == JsonValueKind.String ? c.GetString() : null;
        var error = root.TryGetProperty("error", out var e) && e.ValueKind == JsonValueKind.String ? e.GetString() : null;
        metrics.Failed();
        LogCommandFailed(logger, Source, id ?? "?", error ?? "no error given");
    }

    private async Task SendLoopAsync()
    {
        try
        {
            await foreach (var command in queue.Reader.ReadAllAsync(connectionClosed).ConfigureAwait(false))
            {
                await sender.SendAsync(SocketSender.Build(w =>
                {
                    w.WriteString("type", "command");
                    w.WriteString("command_id", command.CommandId);
                    w.WriteString("plugin_instance_id", command.PluginInstanceId);
                    w.WriteString("channel_id", command.ChannelId);
                    w.WriteString("event_public_id", command.EventPublicId);
                    w.WriteNumber("value", command.Value);
                }), connectionClosed).ConfigureAwait(false);
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or System.Net.WebSockets.WebSocketException or ObjectDisposedException)
        {
            // The socket is closing: commands still queued are dropped (the values stay in GET /datapoints/latest).
        }
    }


    [LoggerMessage(Level = LogLevel.Information, Message = "Controller '{Source}' announced {Count} plugin instances for commands.")]
    private static partial void LogHello(ILogger logger, string source, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Controller '{Source}' failed command {CommandId}: {Error}.")]
    private static partial void LogCommandFailed(ILogger logger, string source, string commandId, string error);
}
