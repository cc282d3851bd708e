namespace WebMacs.Plugins;

/// <summary>One device plugin registered in the service collection; <see cref="DefaultPluginCatalog"/> offers every one.</summary>
internal interface IPluginDefinition
{
    /// <summary>Gets what the plugin says about itself; <see cref="PluginMeta.Id"/> is what instances name as <c>plugin_id</c>.</summary>
    PluginMeta Meta { get; }

    /// <summary>Lists the channels of the plugin configured with <paramref name="configJson"/> and <paramref name="demoMode"/>.</summary>
    IReadOnlyList<ChannelInfo> DiscoverChannels(string? configJson, bool demoMode);
}

/// <summary>The catalogue of the <see cref="IPluginDefinition"/>s in the service collection (none until plugins are added), in registration order.</summary>
internal sealed class DefaultPluginCatalog(IEnumerable<IPluginDefinition> definitions) : IPluginCatalog
{
    private readonly IPluginDefinition[] plugins = [.. definitions];

    public IReadOnlyList<PluginMeta> ListPlugins() => [.. plugins.Select(p => p.Meta)];

    public IReadOnlyList<ChannelInfo> DiscoverChannels(string pluginId, string? configJson, bool demoMode) =>
        plugins.FirstOrDefault(p => string.Equals(p.Meta.Id, pluginId, StringComparison.Ordinal)) is { } plugin
            ? plugin.DiscoverChannels(configJson, demoMode)
            : [];
}
