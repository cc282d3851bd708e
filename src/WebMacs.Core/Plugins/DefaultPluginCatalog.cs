using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace WebMacs.Plugins;

/// <summary>One device plugin registered in the service collection; <see cref="DefaultPluginCatalog"/> offers every one.</summary>
internal interface IPluginDefinition
{
    /// <summary>Gets what the plugin says about itself; <see cref="PluginMeta.Id"/> is what instances name as <c>plugin_id</c>.</summary>
    PluginMeta Meta { get; }

    /// <summary>Lists the channels of the plugin configured with <paramref name="configJson"/> and <paramref name="demoMode"/>.</summary>
    IReadOnlyList<ChannelInfo> DiscoverChannels(string? configJson, bool demoMode);
}

/// <summary>
/// The catalogue of the <see cref="IPluginDefinition"/>s in the service collection followed by the device plugins
/// registered with <c>AddDevicePlugin&lt;T&gt;()</c>, in registration order, followed by the plugins of the runtime
/// packages the <see cref="PluginPackageLoader"/> has loaded (the list follows loads and unloads). When two share an
/// id the first one wins; a device plugin that cannot describe itself is logged and left out.
/// </summary>
internal sealed partial class DefaultPluginCatalog : IPluginCatalog
{
    private readonly IPluginDefinition[] definitions;
    private readonly ILogger logger;
    private readonly PluginPackageLoader? packages;
    private Snapshot? cache;

    public DefaultPluginCatalog(
        IEnumerable<IPluginDefinition> definitions,
        IEnumerable<DevicePluginRegistration>? registrations = null,
        IServiceProvider? services = null,
        ILogger<DefaultPluginCatalog>? logger = null,
        PluginPackageLoader? packages = null)
    {
        this.logger = logger ?? (ILogger)NullLogger.Instance;
        this.packages = packages;
        this.definitions = services is null
            ? [.. definitions]
            : [.. definitions, .. (registrations ?? []).Select(r => new DevicePluginDefinition(r, services))];
    }

    public IReadOnlyList<PluginMeta> ListPlugins() => [.. Plugins().Select(p => p.Meta)];

    public IReadOnlyList<ChannelInfo> DiscoverChannels(string pluginId, string? configJson, bool demoMode) =>
        Plugins().FirstOrDefault(p => string.Equals(p.Meta.Id, pluginId, StringComparison.Ordinal)) is { } plugin
            ? plugin.DiscoverChannels(configJson, demoMode)
            : [];

    private IPluginDefinition[] Plugins()
    {
        var generation = packages?.Generation ?? 0;
        if (cache is { } known && known.Generation == generation)
        {
            return known.Plugins;
        }

        IPluginDefinition[] candidates = packages is null ? definitions : [.. definitions, .. packages.Definitions];
        var usable = new List<IPluginDefinition>(candidates.Length);
        var ids = new HashSet<string>(StringComparer.Ordinal);
        foreach (var definition in candidates)
        {
            try
            {
                if (ids.Add(definition.Meta.Id))
                {
                    usable.Add(definition);
                }
                else
                {
                    LogDuplicate(logger, definition.Meta.Id);
                }
            }
            catch (Exception ex) when (ex is PluginException or InvalidOperationException)
            {
                LogUnusable(logger, ex);
            }
        }

        IPluginDefinition[] result = [.. usable];
        cache = new Snapshot(result, generation);
        return result;
    }

    private sealed record Snapshot(IPluginDefinition[] Plugins, int Generation);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Two plugins use the id {PluginId}; the one registered first is offered.")]
    private static partial void LogDuplicate(ILogger logger, string pluginId);

    [LoggerMessage(Level = LogLevel.Error, Message = "A registered device plugin cannot describe itself and is not offered.")]
    private static partial void LogUnusable(ILogger logger, Exception exception);
}
