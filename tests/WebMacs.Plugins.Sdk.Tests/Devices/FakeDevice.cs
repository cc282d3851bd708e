namespace WebMacs.Plugins.Tests.Devices;

/// <summary>A hardware-style plugin whose "device" is a dictionary; records every hook call.</summary>
public sealed class FakeDevice(TimeProvider? time = null) : DevicePlugin<FakeDeviceOptions>(time, null)
{
    public Dictionary<string, double?> Raw { get; } = new() { ["temp"] = 1800, ["flow"] = 5, ["valve"] = 7 };

    public List<(string Channel, double Raw)> Writes { get; } = [];

    public int ConnectCalls { get; private set; }

    public int DisconnectCalls { get; private set; }

    public int ReadCalls { get; private set; }

    public Exception? ConnectFailure { get; set; }

    public Exception? DisconnectFailure { get; set; }

    public Exception? ReadFailure { get; set; }

    public Exception? WriteFailure { get; set; }

    public bool Serialize { get; set; }

    public override PluginDescriptor Descriptor { get; } = new() { Id = "fake_device", Name = "Fake Device", Version = "1.0.0", Vendor = "Tests" };

    protected override bool SerializesIo => Serialize;

    protected override IReadOnlyList<ChannelDescriptor> GetChannels() =>
    [
        new() { Id = "temp", Name = "Temperature", Direction = ChannelDirection.Input, Unit = "°C", MaxValue = 500, ReadConversion = ConversionSpec.Divide(10), Simulation = new() { Profile = SimulationProfile.Constant, BaseValue = 42 } },
        new() { Id = "flow", Name = "Flow", Direction = ChannelDirection.Input, Unit = "l/min", ReadConversion = ConversionSpec.Linear(2, 10) },
        new() { Id = "heater", Name = "Heater", Direction = ChannelDirection.Output, Unit = "%", WriteConversion = ConversionSpec.Linear(0.01), SafeValue = 0 },
        new() { Id = "valve", Name = "Valve", Direction = ChannelDirection.Bidirectional, Unit = "%", SafeValue = 150 },
    ];

    protected override ValueTask ConnectCoreAsync(CancellationToken ct)
    {
        ConnectCalls++;
        return ConnectFailure is { } failure ? ValueTask.FromException(failure) : default;
    }

    protected override ValueTask DisconnectCoreAsync(CancellationToken ct)
    {
        DisconnectCalls++;
        return DisconnectFailure is { } failure ? ValueTask.FromException(failure) : default;
    }

    protected override ValueTask<double?> ReadCoreAsync(string channelId, CancellationToken ct)
    {
        ReadCalls++;
        return ReadFailure is { } failure ? ValueTask.FromException<double?>(failure) : ValueTask.FromResult(Raw.GetValueOrDefault(channelId));
    }

    protected override ValueTask WriteCoreAsync(string channelId, double raw, CancellationToken ct)
    {
        if (WriteFailure is { } failure)
        {
            return ValueTask.FromException(failure);
        }

        Writes.Add((channelId, raw));
        return default;
    }
}
