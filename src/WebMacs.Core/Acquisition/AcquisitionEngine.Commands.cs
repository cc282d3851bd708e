using WebMacs.Commands;
using WebMacs.Plugins;

namespace WebMacs.Acquisition;

// Pushed actuator commands (issue 5 item 6): the uplink announces the running instances and writes commands through
// their plugins.
internal sealed partial class AcquisitionEngine : ICommandTarget
{
    /// <inheritdoc/>
    public IReadOnlyCollection<Guid> Instances => [.. runners.Keys];

    /// <inheritdoc/>
    public ValueTask WriteAsync(Guid instance, string channelId, double value, CancellationToken cancellationToken)
    {
        if (runners.GetValueOrDefault(instance) is not { } runner)
        {
            throw new InvalidOperationException($"Plugin instance {instance} does not run on this controller.");
        }

        var plugin = runner.Plugin;
        if (!plugin.Channels.TryGetValue(channelId, out var channel))
        {
            throw new ChannelNotFoundException(plugin.Descriptor.Id, channelId);
        }

        if (channel.Direction == ChannelDirection.Input)
        {
            throw new InvalidOperationException($"Channel '{channelId}' of plugin instance {instance} is an input.");
        }

        return plugin.WriteAsync(channelId, value, cancellationToken);
    }
}
