namespace WebMacs.Plugins;

/// <summary>Reports that a plugin has no channel with the requested id (reference §4.8 <c>CapabilityNotFoundError</c>).</summary>
public class ChannelNotFoundException : PluginException
{
    /// <summary>Creates the exception for the channel <paramref name="channelId"/> of the plugin <paramref name="pluginId"/>.</summary>
    /// <param name="pluginId">The id of the plugin.</param>
    /// <param name="channelId">The channel id that was not found.</param>
    public ChannelNotFoundException(string pluginId, string channelId)
        : base(pluginId, $"Channel '{channelId}' not found")
    {
        ChannelId = channelId ?? "";
    }

    /// <summary>Gets the channel id that was not found.</summary>
    public string ChannelId { get; }
}
