
namespace WebMacs.Plugins;

/// <summary>
/// The device plugins this installation offers (reference §6.7 "Discovery"): what <c>GET /api/v1/plugins/available</c>
/// lists and where a new plugin instance gets its channels from. The device-plugin packages fill it.
/// </summary>
internal interface IPluginCatalog
{
    /// <summary>Lists every installed plugin.</summary>
    IReadOnlyList<PluginMeta> ListPlugins();

    /// <summary>
    /// Lists the channels a plugin offers once configured with <paramref name="configJson"/> (JSON object text or
    /// null) and <paramref name="demoMode"/>; empty for an unknown plugin id. May throw when the configuration is unusable.
    /// </summary>
    IReadOnlyList<ChannelInfo> DiscoverChannels(string pluginId, string? configJson, bool demoMode);
}

/// <summary>What a plugin says about itself (reference §4.2 PluginMetaResponse).</summary>
internal sealed record PluginMeta(string Id, string Name, string Version, string Vendor, string Description, string? Url);

/// <summary>One channel of a configured plugin: the data an event is created from.</summary>
internal sealed record ChannelInfo(string Id, string Name, Domain.ChannelDirection Direction, string Unit, double MinValue, double MaxValue);
