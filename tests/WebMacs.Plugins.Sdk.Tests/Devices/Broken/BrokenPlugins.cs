namespace WebMacs.Plugins.Tests.Devices.Broken;

/// <summary>A plugin whose descriptor has no version.</summary>
public sealed class NoVersionPlugin : DevicePlugin
{
    public override PluginDescriptor Descriptor { get; } = new() { Id = "nover", Name = "No version", Version = "" };

    protected override IReadOnlyList<ChannelDescriptor> GetChannels() => [];

    protected override ValueTask<double?> ReadCoreAsync(string channelId, CancellationToken ct) => default;

    protected override ValueTask WriteCoreAsync(string channelId, double raw, CancellationToken ct) => default;
}

/// <summary>
/// A plugin that breaks many rules at once: a bad id, duplicate channel ids, a missing unit, an inverted range, an
/// unknown conversion, an input that reads null in demo mode and health that is never healthy.
/// </summary>
public sealed class SloppyPlugin : DevicePlugin
{
    public override PluginDescriptor Descriptor { get; } = new() { Id = "Sloppy Plugin", Name = "Sloppy", Version = "1.0" };

    public override PluginHealthReport CheckHealth() => base.CheckHealth() with { State = PluginState.Error };

    protected override IReadOnlyList<ChannelDescriptor> GetChannels() =>
    [
        new() { Id = "a", Name = "A", Direction = ChannelDirection.Input, Unit = "V" },
        new() { Id = "a", Name = "A again", Direction = ChannelDirection.Input, Unit = "V" },
        new() { Id = "b", Name = "B", Direction = ChannelDirection.Input, Unit = "", MinValue = 10, MaxValue = 0 },
        new() { Id = "c", Name = "C", Direction = ChannelDirection.Output, Unit = "%", WriteConversion = ConversionSpec.Named("no_such_thing") },
    ];

    protected override void OnConfiguring(PluginInstanceOptions options) => options.DemoMode = false;

    protected override ValueTask<double?> ReadCoreAsync(string channelId, CancellationToken ct) => default;

    protected override ValueTask WriteCoreAsync(string channelId, double raw, CancellationToken ct) => default;
}

/// <summary>A plugin with no channels whose connect always fails.</summary>
public sealed class DeadPlugin : DevicePlugin
{
    public override PluginDescriptor Descriptor { get; } = new() { Id = "dead", Name = "Dead", Version = "1.0" };

    protected override IReadOnlyList<ChannelDescriptor> GetChannels() => [];

    protected override void OnConfiguring(PluginInstanceOptions options) => options.DemoMode = false;

    protected override ValueTask ConnectCoreAsync(CancellationToken ct) => throw new IOException("no device");

    protected override ValueTask<double?> ReadCoreAsync(string channelId, CancellationToken ct) => default;

    protected override ValueTask WriteCoreAsync(string channelId, double raw, CancellationToken ct) => default;
}
