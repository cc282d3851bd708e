namespace WebMacs.Commands;

/// <summary>
/// One <c>{"type":"command",…}</c> frame for a controller: write <see cref="Value"/> to channel
/// <see cref="ChannelId"/> of plugin instance <see cref="PluginInstanceId"/> (the channel mapped to event
/// <see cref="EventPublicId"/>).
/// </summary>
internal readonly record struct ActuatorCommand(Guid CommandId, Guid PluginInstanceId, string ChannelId, Guid EventPublicId, double Value);
