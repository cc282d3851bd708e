namespace WebMacs.Plugins;

/// <summary>The lifecycle states of a <see cref="DevicePlugin"/> (reference §4.1 and §4.7).</summary>
public enum PluginState
{
    /// <summary>Created but not configured yet.</summary>
    Discovered,

    /// <summary>Configured with validated options; channels are known.</summary>
    Configured,

    /// <summary>A connection attempt is in progress.</summary>
    Connecting,

    /// <summary>Connected (or, in demo mode, simulating) and ready for I/O.</summary>
    Connected,

    /// <summary>Reserved for hosts that distinguish an actively polled plugin; the SDK never enters it.</summary>
    Running,

    /// <summary>A disconnect is in progress (safe values are being written).</summary>
    Disconnecting,

    /// <summary>Disconnected; it may connect again.</summary>
    Disconnected,

    /// <summary>The last connection attempt failed; it may connect again.</summary>
    Error,
}
