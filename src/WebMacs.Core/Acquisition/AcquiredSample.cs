namespace WebMacs.Acquisition;

/// <summary>
/// One value read from a mapped channel, ready for storage: the plugin instance and channel it came from, the event it
/// is stored under, the engineering value and the UTC time the engine read it (the sampling time, not the arrival time).
/// </summary>
internal readonly record struct AcquiredSample(Guid PluginInstanceId, string ChannelId, Guid EventPublicId, double Value, DateTime Timestamp);
