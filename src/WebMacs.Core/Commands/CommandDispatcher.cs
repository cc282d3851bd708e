using Microsoft.Extensions.Logging;
using WebMacs.Ingestion;

namespace WebMacs.Commands;

/// <summary>
/// Pushes committed values of output (and bidirectional) events to the controllers that run the mapped plugin
/// instance (issue 5 item 6; the original's controllers poll <c>/datapoints/latest</c> instead, reference §2.10, which
/// still works for them). A value a controller itself reported over its telemetry socket is not sent back to it.
/// Nothing is loaded while no controller has announced itself.
/// </summary>
internal sealed partial class CommandDispatcher(
    ControllerRegistry registry,
    OutputChannelCache outputs,
    CommandMetrics metrics,
    ILogger<CommandDispatcher> logger) : ICommittedDataObserver
{
    public async ValueTask OnCommittedAsync(IReadOnlyList<LatestValue> latest, CancellationToken cancellationToken)
    {
        if (registry.IsEmpty)
        {
            return;
        }

        var map = await outputs.GetAsync(cancellationToken).ConfigureAwait(false);
        foreach (var value in latest)
        {
            var origin = value.Origin;
            if (!map.TryGetValue(value.EventId, out var channels))
            {
                continue;
            }

            foreach (var channel in channels)
            {
                foreach (var connection in registry.For(channel.PluginInstanceId))
                {
                    if (ReferenceEquals(connection, origin))
                    {
                        continue;
                    }

                    var command = new ActuatorCommand(Guid.NewGuid(), channel.PluginInstanceId, channel.ChannelId, value.EventPublicId, value.Value);
                    if (connection.TryEnqueue(command))
                    {
                        metrics.Sent();
                    }
                    else
                    {
                        metrics.Dropped();
                        LogDropped(logger, connection.Source, channel.PluginInstanceId, channel.ChannelId);
                    }
                }
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Command for {Instance}/{Channel} dropped: the queue of controller '{Source}' is full.")]
    private static partial void LogDropped(ILogger logger, string source, Guid instance, string channel);
}
