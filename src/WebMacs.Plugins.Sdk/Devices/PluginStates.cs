namespace WebMacs.Plugins;

/// <summary>Converts <see cref="PluginState"/> to and from its wire name (<c>discovered</c>, <c>connected</c>, …).</summary>
public static class PluginStates
{
    /// <summary>Gets the lowercase wire name of <paramref name="state"/>, as the original reports it.</summary>
    /// <param name="state">The state.</param>
    /// <returns>The wire name.</returns>
    public static string ToWire(PluginState state) => state switch
    {
        PluginState.Discovered => "discovered",
        PluginState.Configured => "configured",
        PluginState.Connecting => "connecting",
        PluginState.Connected => "connected",
        PluginState.Running => "running",
        PluginState.Disconnecting => "disconnecting",
        PluginState.Disconnected => "disconnected",
        PluginState.Error => "error",
        _ => state.ToString(),
    };
}
