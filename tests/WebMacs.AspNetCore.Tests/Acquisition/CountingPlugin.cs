using System.Collections.Concurrent;
using WebMacs.Plugins;

namespace WebMacs.AspNetCore.Tests.Acquisition;

/// <summary>The options of <see cref="CountingPlugin"/>: failures on demand.</summary>
public sealed class CountingOptions : PluginInstanceOptions
{
    /// <summary>Gets or sets whether every read throws.</summary>
    public bool FailReads { get; set; }

    /// <summary>Gets or sets how many connection attempts fail before one succeeds.</summary>
    public int FailConnects { get; set; }
}

/// <summary>
/// A test device: two inputs whose value is the number of the read (1, 2, 3, …) and an output with a safe value. It
/// records its reads (with the time of each), connection attempts and writes; instances are found by their
/// <c>instance_name</c> in <see cref="ByName"/>.
/// </summary>
public sealed class CountingPlugin(TimeProvider time) : DevicePlugin<CountingOptions>(time, null)
{
    public const double SafeValue = 12.5;

    private int reads;
    private int connects;

    /// <summary>Gets the configured instances by <c>instance_name</c>.</summary>
    public static ConcurrentDictionary<string, CountingPlugin> ByName { get; } = new(StringComparer.Ordinal);

    public override PluginDescriptor Descriptor { get; } = new() { Id = "counting", Name = "Counting", Version = "1.0.0", Vendor = "Tests", Description = "Counts its reads." };

    /// <summary>Gets the UTC time of each read, by read number.</summary>
    public ConcurrentDictionary<int, DateTime> ReadTimes { get; } = new();

    /// <summary>Gets every hardware write: channel and raw value.</summary>
    public ConcurrentQueue<(string Channel, double Raw)> Writes { get; } = new();

    public int Reads => Volatile.Read(ref reads);

    public int ConnectAttempts => Volatile.Read(ref connects);

    protected override void OnConfiguring(CountingOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        ByName[options.InstanceName] = this;
    }

    protected override IReadOnlyList<ChannelDescriptor> GetChannels() =>
    [
        new() { Id = "in1", Name = "Input 1", Direction = ChannelDirection.Input, Unit = "n", MaxValue = 1e9 },
        new() { Id = "in2", Name = "Input 2", Direction = ChannelDirection.Input, Unit = "n", MaxValue = 1e9 },
        new() { Id = "out", Name = "Output", Direction = ChannelDirection.Output, Unit = "%", SafeValue = SafeValue },
    ];

    protected override ValueTask ConnectCoreAsync(CancellationToken ct) =>
        Interlocked.Increment(ref connects) <= Options!.FailConnects
            ? throw new IOException("device busy")
            : ValueTask.CompletedTask;

    protected override ValueTask<double?> ReadCoreAsync(string channelId, CancellationToken ct)
    {
        var number = Interlocked.Increment(ref reads);
        ReadTimes[number] = TimeProvider.GetUtcNow().UtcDateTime;
        return Options!.FailReads ? throw new IOException("sensor unplugged") : ValueTask.FromResult<double?>(number);
    }

    protected override ValueTask WriteCoreAsync(string channelId, double raw, CancellationToken ct)
    {
        Writes.Enqueue((channelId, raw));
        return ValueTask.CompletedTask;
    }
}
