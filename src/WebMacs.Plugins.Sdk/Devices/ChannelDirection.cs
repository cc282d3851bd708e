namespace WebMacs.Plugins;

/// <summary>Says whether a channel is read, written or both (reference §4.4).</summary>
public enum ChannelDirection
{
    /// <summary>A sensor: read only.</summary>
    Input,

    /// <summary>An actuator: written; reading it returns the last value where the device can tell.</summary>
    Output,

    /// <summary>Read and written.</summary>
    Bidirectional,
}
