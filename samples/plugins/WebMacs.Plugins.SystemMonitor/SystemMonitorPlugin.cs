using Microsoft.Extensions.Logging;

namespace WebMacs.Plugins.SystemMonitor;

/// <summary>
/// The <c>system</c> device plugin (reference §5.2): seven input channels with the host's CPU, memory, disk, load and
/// CPU temperature, read from <c>/proc</c> and <c>/sys</c>. A channel this machine cannot provide reads null and its
/// reason shows in <see cref="DevicePlugin.CheckHealth"/>; it never counts as an error.
/// </summary>
public sealed class SystemMonitorPlugin : DevicePlugin<SystemMonitorOptions>
{
    private static readonly PluginDescriptor Meta = new()
    {
        Id = "system",
        Name = "System Monitor",
        Version = "0.1.0",
        Vendor = "WebMACS",
        Description = "CPU, memory, disk, load and temperature of the host.",
        Protocol = "procfs",
        Url = "https://github.com/webmacs-dotnet/webmacs",
        Tags = ["monitoring", "system", "builtin"],
    };

    private static readonly ChannelDescriptor[] ChannelSet =
    [
        Channel("cpu_percent", "CPU Usage", "%", 100, SimulationProfile.SineWave, 35, 25, 60, 3.0),
        Channel("memory_percent", "Memory Usage", "%", 100, SimulationProfile.RandomWalk, 55, 10, 60, 1.0),
        Channel("memory_used_gb", "Memory Used", "GB", 128, SimulationProfile.RandomWalk, 4, 1.5, 60, 0.1),
        Channel("disk_percent", "Disk Usage", "%", 100, SimulationProfile.Constant, 42, 0, 60, 0.1),
        Channel("disk_used_gb", "Disk Used", "GB", 10000, SimulationProfile.Constant, 120, 0, 60, 0.5),
        Channel("load_avg_1m", "Load Average (1 min)", "load", 256, SimulationProfile.RandomWalk, 1.2, 0.8, 60, 0.1),
        Channel("cpu_temp", "CPU Temperature", "°C", 110, SimulationProfile.SineWave, 55, 10, 120, 0.5),
    ];

    private LinuxHostReader? reader;

    /// <summary>Creates the plugin with the system clock and no logging.</summary>
    public SystemMonitorPlugin()
    {
    }

    /// <summary>Creates the plugin with a clock for the demo signals and a logger.</summary>
    /// <param name="timeProvider">The clock.</param>
    /// <param name="logger">The logger.</param>
    public SystemMonitorPlugin(TimeProvider timeProvider, ILogger<SystemMonitorPlugin> logger)
        : base(timeProvider, logger)
    {
    }

    /// <inheritdoc />
    public override PluginDescriptor Descriptor => Meta;

    /// <inheritdoc />
    protected override IReadOnlyList<ChannelDescriptor> GetChannels() => ChannelSet;

    /// <summary>Prepares the readers for the configured paths.</summary>
    /// <param name="options">The bound options.</param>
    protected override void OnConfiguring(SystemMonitorOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        reader = new LinuxHostReader(options.ProcRoot, options.SysRoot, options.DiskPath);
    }

    /// <summary>Primes the CPU counter so the first CPU reading covers the first poll interval.</summary>
    /// <param name="ct">Not used.</param>
    /// <returns>A completed task.</returns>
    protected override ValueTask ConnectCoreAsync(CancellationToken ct)
    {
        Reader.PrimeCpu();
        return default;
    }

    /// <inheritdoc />
    protected override ValueTask<double?> ReadCoreAsync(string channelId, CancellationToken ct)
    {
        var metric = channelId switch
        {
            "cpu_percent" => Reader.CpuPercent(),
            "memory_percent" => Reader.MemoryPercent(),
            "memory_used_gb" => Reader.MemoryUsedGb(),
            "disk_percent" => Reader.DiskPercent(),
            "disk_used_gb" => Reader.DiskUsedGb(),
            "load_avg_1m" => Reader.LoadAverage1Minute(),
            "cpu_temp" => Reader.CpuTemperature(),
            _ => Metric.Missing("unknown channel"),
        };
        if (metric.Value is null)
        {
            MarkChannelUnavailable(channelId, metric.Reason ?? "unavailable");
        }
        else
        {
            MarkChannelAvailable(channelId);
        }

        return ValueTask.FromResult(metric.Value);
    }

    /// <summary>Does nothing: the plugin has no outputs.</summary>
    /// <param name="channelId">The channel id.</param>
    /// <param name="raw">The raw value.</param>
    /// <param name="ct">Not used.</param>
    /// <returns>A completed task.</returns>
    protected override ValueTask WriteCoreAsync(string channelId, double raw, CancellationToken ct) => default;

    private LinuxHostReader Reader => reader ?? throw new InvalidOperationException("The plugin is not configured.");

    private static ChannelDescriptor Channel(string id, string name, string unit, double max, SimulationProfile profile, double baseValue, double amplitude, double period, double noise) => new()
    {
        Id = id,
        Name = name,
        Direction = ChannelDirection.Input,
        Unit = unit,
        MinValue = 0,
        MaxValue = max,
        Simulation = new SimulationSpec { Profile = profile, BaseValue = baseValue, Amplitude = amplitude, PeriodSeconds = period, Noise = noise },
    };
}
