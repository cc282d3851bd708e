using System.Net.WebSockets;
using System.Text.Json;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;

namespace WebMacs.Uplink;

// Pushed actuator commands (docs/websockets.md, "Actuator commands"): hello after connecting, then every command frame
// is written through the ICommandTarget in arrival order by one loop and answered with a command_ack.
internal sealed partial class UplinkClient
{
    private const int CommandQueueCapacity = 1024;

    /// <summary>
    /// Sends <c>{"type":"hello","source":…,"instances":[…]}</c> when the running instances differ from
    /// <paramref name="announced"/> (always once per session); returns what is announced now.
    /// </summary>
    private async Task<HashSet<Guid>?> AnnounceAsync(
        ClientWebSocket socket, SemaphoreSlim sending, UplinkOptions settings, HashSet<Guid>? announced, CancellationToken cancellationToken)
    {
        if (commands is null)
        {
            return announced;
        }

        var instances = commands.Instances.ToHashSet();
        if (announced is not null && announced.SetEquals(instances))
        {
            return announced;
        }

        var frame = Build(w =>
        {
            w.WriteString("type", "hello");
            w.WriteString("source", settings.Source);
            w.WriteStartArray("instances");
            foreach (var instance in instances)
            {
                w.WriteStringValue(instance);
            }

            w.WriteEndArray();
        });
        await SendAsync(socket, sending, frame, cancellationToken).ConfigureAwait(false);
        LogHello(logger, instances.Count);
        return instances;
    }

    private static async Task SendAsync(ClientWebSocket socket, SemaphoreSlim sending, ReadOnlyMemory<byte> frame, CancellationToken cancellationToken)
    {
        await sending.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await socket.SendAsync(frame, WebSocketMessageType.Text, endOfMessage: true, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            sending.Release();
        }
    }

    private static byte[] Build(Action<Utf8JsonWriter> body)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream))
        {
            writer.WriteStartObject();
            body(writer);
            writer.WriteEndObject();
        }

        return stream.ToArray();
    }

    /// <summary>Queues a received command frame for the command loop (a malformed one is answered with a failed ack).</summary>
    private void Enqueue(JsonElement root, ChannelWriter<ReceivedCommand> received)
    {
        var id = root.TryGetProperty("command_id", out var c) && c.ValueKind == JsonValueKind.String ? c.GetString() ?? string.Empty : string.Empty;
        var instance = root.TryGetProperty("plugin_instance_id", out var i) && i.ValueKind == JsonValueKind.String && Guid.TryParse(i.GetString(), out var parsed)
            ? parsed
            : Guid.Empty;
        var valid = instance != Guid.Empty;
        var channel = root.TryGetProperty("channel_id", out var ch) && ch.ValueKind == JsonValueKind.String ? ch.GetString() : null;
        double value = 0;
        valid &= channel is { Length: > 0 } && root.TryGetProperty("value", out var v) && v.ValueKind == JsonValueKind.Number && v.TryGetDouble(out value);
        var command = new ReceivedCommand(id, instance, channel ?? string.Empty, value, valid ? null : "Malformed command frame");
        if (!received.TryWrite(command))
        {
            LogCommandDropped(logger, id);
        }
    }

    private async Task CommandLoopAsync(ClientWebSocket socket, SemaphoreSlim sending, ChannelReader<ReceivedCommand> received, CancellationToken cancellationToken)
    {
        await foreach (var command in received.ReadAllAsync(cancellationToken).ConfigureAwait(false))
        {
            var error = command.Error ?? await WriteAsync(command, cancellationToken).ConfigureAwait(false);
            var ack = Build(w =>
            {
                w.WriteString("type", "command_ack");
                w.WriteString("command_id", command.CommandId);
                w.WriteBoolean("ok", error is null);
                if (error is not null)
                {
                    w.WriteString("error", error);
                }
            });
            await SendAsync(socket, sending, ack, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Writes a command through the target; returns null on success, else why it failed.</summary>
    private async Task<string?> WriteAsync(ReceivedCommand command, CancellationToken cancellationToken)
    {
        if (commands is null)
        {
            return "This controller does not accept commands";
        }

        try
        {
            await commands.WriteAsync(command.Instance, command.ChannelId, command.Value, cancellationToken).ConfigureAwait(false);
            LogCommandWritten(logger, command.Instance, command.ChannelId, command.Value);
            return null;
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            LogCommandFailed(logger, ex, command.Instance, command.ChannelId);
            return ex.Message;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Announced {Count} plugin instances to the backend for commands.")]
    private static partial void LogHello(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Command written: {Instance}/{Channel} = {Value}.")]
    private static partial void LogCommandWritten(ILogger logger, Guid instance, string channel, double value);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Command for {Instance}/{Channel} failed.")]
    private static partial void LogCommandFailed(ILogger logger, Exception exception, Guid instance, string channel);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Command {CommandId} dropped: too many commands are waiting to be written.")]
    private static partial void LogCommandDropped(ILogger logger, string commandId);

    /// <summary>A command frame as received: where to write what, or why it cannot be written.</summary>
    private readonly record struct ReceivedCommand(string CommandId, Guid Instance, string ChannelId, double Value, string? Error);
}
