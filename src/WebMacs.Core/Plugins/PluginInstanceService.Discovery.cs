using Microsoft.Extensions.Logging;

namespace WebMacs.Plugins;

// Channel discovery for a new instance: failures are logged and give no channels (reference §6.7 "errors swallowed
// and logged"); channels that could not be stored are skipped.
internal sealed partial class PluginInstanceService
{
    private List<ChannelInfo> Discover(PluginInstanceDraft draft)
    {
        IReadOnlyList<ChannelInfo> channels;
        try
        {
            channels = catalog.DiscoverChannels(draft.PluginId, draft.ConfigJson, draft.DemoMode);
        }
        catch (Exception ex)
        {
            // A plugin's failure must not fail the instance creation: the original logs it and goes on.
            LogDiscoveryFailed(logger, ex, draft.PluginId);
            return [];
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        var usable = new List<ChannelInfo>(channels.Count);
        foreach (var channel in channels)
        {
            if (channel is null || !IsStorable(channel) || !seen.Add(channel.Id))
            {
                LogChannelSkipped(logger, draft.PluginId, channel?.Id);
                continue;
            }

            usable.Add(channel);
        }

        return usable;
    }

    /// <summary>Tells whether the channel fits the columns of channel_mappings and events.</summary>
    private static bool IsStorable(ChannelInfo channel) =>
        channel.Id is { Length: > 0 and <= 100 }
        && channel.Name is { Length: > 0 and <= 255 }
        && channel.Unit is { Length: <= 50 }
        && double.IsFinite(channel.MinValue) && double.IsFinite(channel.MaxValue)
        && !HasNul(channel.Id) && !HasNul(channel.Name) && !HasNul(channel.Unit);

    private static bool HasNul(string value) => value.Contains('\0', StringComparison.Ordinal);

    [LoggerMessage(Level = LogLevel.Error, Message = "Channel discovery for plugin {PluginId} failed; the instance gets no channel mappings.")]
    private static partial void LogDiscoveryFailed(ILogger logger, Exception exception, string pluginId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Plugin {PluginId} reported a channel {ChannelId} that cannot be stored (duplicate id, empty or too long text, or a non-finite range); skipped.")]
    private static partial void LogChannelSkipped(ILogger logger, string pluginId, string? channelId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Plugin instance {PublicId} deleted with {EventCount} mapped events.")]
    private static partial void LogDeleted(ILogger logger, string publicId, int eventCount);
}
