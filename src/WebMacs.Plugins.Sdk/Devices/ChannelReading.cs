namespace WebMacs.Plugins;

/// <summary>Holds one value read from a channel, in engineering units; <see cref="Value"/> is null when the read failed.</summary>
/// <param name="ChannelId">The id of the channel that was read.</param>
/// <param name="Value">The engineering value, or null when no value could be read.</param>
public sealed record ChannelReading(string ChannelId, double? Value);
