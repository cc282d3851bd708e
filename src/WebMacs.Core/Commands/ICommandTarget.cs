namespace WebMacs.Commands;

/// <summary>
/// The controller-side end of pushed actuator commands: what the uplink announces in its <c>hello</c> frame and writes
/// received commands through (the acquisition engine implements it with its running plugin instances).
/// </summary>
internal interface ICommandTarget
{
    /// <summary>Gets the public ids of the plugin instances running here.</summary>
    IReadOnlyCollection<Guid> Instances { get; }

    /// <summary>
    /// Writes <paramref name="value"/> to a channel of a running instance through its plugin (which clamps and converts);
    /// throws when the instance does not run here, the channel is unknown or read-only, or the write fails.
    /// </summary>
    ValueTask WriteAsync(Guid instance, string channelId, double value, CancellationToken cancellationToken);
}
