namespace WebMacs.Plugins;

/// <summary>Describes the health of one plugin instance (reference §4.9).</summary>
public sealed record PluginHealthReport
{
    /// <summary>Gets the plugin id.</summary>
    public required string PluginId { get; init; }

    /// <summary>Gets the instance name.</summary>
    public required string InstanceName { get; init; }

    /// <summary>Gets the lifecycle state.</summary>
    public required PluginState State { get; init; }

    /// <summary>Gets the number of errors since the last successful connect.</summary>
    public int ErrorCount { get; init; }

    /// <summary>Gets the last error message, or null.</summary>
    public string? LastError { get; init; }

    /// <summary>Gets the number of channels.</summary>
    public int ChannelCount { get; init; }

    /// <summary>Gets whether the instance simulates its channels.</summary>
    public bool DemoMode { get; init; }

    /// <summary>Gets the number of reconnect attempts the host has made since the last success (filled in by the host).</summary>
    public int ReconnectAttempts { get; init; }

    /// <summary>Gets the channels that cannot deliver values on this device, each with the reason.</summary>
    public IReadOnlyDictionary<string, string> UnavailableChannels { get; init; } = new Dictionary<string, string>();

    /// <summary>Gets whether the instance is healthy: true only in <see cref="PluginState.Connected"/> or <see cref="PluginState.Running"/>.</summary>
    public bool IsHealthy => State is PluginState.Connected or PluginState.Running;
}
