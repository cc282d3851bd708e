using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using WebMacs.Ingestion;
using WebMacs.Persistence;

namespace WebMacs.Commands;

/// <summary>
/// Pushes committed values of output (and bidirectional) events to the controllers that run the mapped plugin
/// instance (issue 5 item 6; the original's controllers poll <c>/datapoints/latest</c> instead, reference §2.10, which
/// still works for them). A value a controller itself reported over its telemetry socket is not sent back to it.
/// Nothing is loaded while no controller has announced itself. When a controller announces instances, it first gets
/// the latest stored value of each of their outputs (<see cref="ReplayAsync"/>, CommandDispatcher.Replay.cs), so a
/// value set while it was away is not lost.
/// </summary>
internal sealed partial class CommandDispatcher(
    ControllerRegistry registry,
    OutputChannelCache outputs,
    IDbContextFactory<WebMacsDbContext> contexts,
    CommandMetrics metrics,
    ILogger<CommandDispatcher> logger) : ICommittedDataObserver, IDisposable
{
    // Live pushes and replays enqueue one at a time, so a replayed value never overtakes a newer live one.
    private readonly SemaphoreSlim ordering = new(1, 1);

    // The last value of an output event that a controller reported itself, by event: not replayed to that controller.
    private readonly ConcurrentDictionary<int, Reported> reported = new();

    public async ValueTask OnCommittedAsync(IReadOnlyList<LatestValue> latest, CancellationToken cancellationToken)
    {
        if (registry.IsEmpty && !FromAnnouncedController(latest))
        {
            return;
        }

        var map = await outputs.GetAsync(cancellationToken).ConfigureAwait(false);
        await ordering.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            foreach (var value in latest)
            {
                if (map.TryGetValue(value.EventId, out var channels))
                {
                    Remember(value);
                    Push(value, channels);
                }
            }
        }
        finally
        {
            ordering.Release();
        }
    }

    public void Dispose() => ordering.Dispose();

    private static bool FromAnnouncedController(IReadOnlyList<LatestValue> latest)
    {
        foreach (var value in latest)
        {
            if (value.Origin is IControllerConnection { Instances.Count: > 0 })
            {
                return true;
            }
        }

        return false;
    }

    private void Remember(LatestValue value)
    {
        if (value.Origin is IControllerConnection { Source.Length: > 0 } controller)
        {
            reported[value.EventId] = new Reported(controller.Source, value.Value, value.Timestamp);
        }
        else
        {
            reported.TryRemove(value.EventId, out _);
        }
    }

    private void Push(LatestValue value, OutputChannel[] channels)
    {
        foreach (var channel in channels)
        {
            foreach (var connection in registry.For(channel.PluginInstanceId))
            {
                if (!ReferenceEquals(connection, value.Origin))
                {
                    Enqueue(connection, new ActuatorCommand(Guid.NewGuid(), channel.PluginInstanceId, channel.ChannelId, value.EventPublicId, value.Value));
                }
            }
        }
    }

    private void Enqueue(IControllerConnection connection, ActuatorCommand command)
    {
        if (connection.TryEnqueue(command))
        {
            metrics.Sent();
        }
        else
        {
            metrics.Dropped();
            LogDropped(logger, connection.Source, command.PluginInstanceId, command.ChannelId);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Command for {Instance}/{Channel} dropped: the queue of controller '{Source}' is full.")]
    private static partial void LogDropped(ILogger logger, string source, Guid instance, string channel);

    /// <summary>A value a controller (by its <c>source</c>) reported for an output event.</summary>
    private readonly record struct Reported(string Source, double Value, DateTime Timestamp);
}
