using Microsoft.Extensions.Logging;

namespace WebMacs.Plugins;

/// <summary>A <see cref="DevicePlugin"/> with typed options <typeparamref name="TOptions"/> bound from <c>config_json</c>.</summary>
/// <typeparam name="TOptions">The options type: <see cref="PluginInstanceOptions"/> plus the plugin's own settings.</typeparam>
public abstract class DevicePlugin<TOptions> : DevicePlugin
    where TOptions : PluginInstanceOptions, new()
{
    /// <summary>Creates the plugin with the system clock and no logging.</summary>
    protected DevicePlugin()
    {
    }

    /// <summary>Creates the plugin with a clock (for the demo signals) and a logger.</summary>
    /// <param name="timeProvider">The clock; null uses the system clock.</param>
    /// <param name="logger">The logger; null logs nothing.</param>
    protected DevicePlugin(TimeProvider? timeProvider, ILogger? logger)
        : base(timeProvider, logger)
    {
    }

    /// <inheritdoc />
    public sealed override Type OptionsType => typeof(TOptions);

    /// <summary>Gets the validated options, or null before <see cref="DevicePlugin.Configure"/>.</summary>
    public new TOptions? Options => (TOptions?)base.Options;

    /// <inheritdoc />
    protected sealed override void OnConfiguring(PluginInstanceOptions options) => OnConfiguring((TOptions)options);

    /// <summary>Adjusts or cross-checks freshly bound options before the channels are discovered (e.g. forcing demo mode).</summary>
    /// <param name="options">The bound and validated options; throw <see cref="PluginConfigException"/> to reject them.</param>
    protected virtual void OnConfiguring(TOptions options)
    {
    }
}
