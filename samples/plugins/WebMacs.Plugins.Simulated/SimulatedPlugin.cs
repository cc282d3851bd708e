using Microsoft.Extensions.Logging;

namespace WebMacs.Plugins.Simulated;

/// <summary>
/// The <c>simulated</c> device plugin (reference §5.1): seven sensors and two actuators of a fluidised-bed lab rig,
/// always in demo mode (a configured <c>demo_mode = false</c> is overridden). Pressures follow a real random walk.
/// </summary>
public sealed class SimulatedPlugin : DevicePlugin
{
    private static readonly PluginDescriptor Meta = new()
    {
        Id = "simulated",
        Name = "Simulated Device",
        Version = "0.2.0",
        Vendor = "WebMACS",
        Description = "Virtual sensors & actuators for testing and demonstration.",
        Protocol = "simulation",
        Url = "https://github.com/webmacs-dotnet/webmacs",
        Tags = ["simulation", "demo", "builtin"],
    };

    private static readonly ChannelDescriptor[] ChannelSet =
    [
        Sensor("temp_reactor", "Temperature Reactor", "°C", 20, 500, SimulationProfile.SineWave, 260, 120, 120, 0.5),
        Sensor("temp_inlet", "Temperature Inlet", "°C", 15, 200, SimulationProfile.SineWave, 100, 40, 90, 0.3),
        Sensor("temp_outlet", "Temperature Outlet", "°C", 15, 300, SimulationProfile.SineWave, 150, 60, 100, 0.4),
        Sensor("pressure_chamber", "Pressure Chamber", "bar", 0, 6, SimulationProfile.RandomWalk, 3.0, 1.5, 60, 0.2),
        Sensor("pressure_diff", "Pressure Differential", "mbar", 0, 100, SimulationProfile.RandomWalk, 50, 20, 60, 0.5),
        Sensor("volume_flow", "Volume Flow", "m³/h", 0, 40, SimulationProfile.Sawtooth, 20, 12, 60, 0.8),
        Sensor("humidity", "Humidity", "%", 0, 100, SimulationProfile.SineWave, 55, 15, 300, 1.0),
        Actuator("heater_power", "Heater Power"),
        Actuator("valve_position", "Valve Position"),
    ];

    /// <summary>Creates the plugin with the system clock and no logging.</summary>
    public SimulatedPlugin()
    {
    }

    /// <summary>Creates the plugin with a clock for the demo signals and a logger.</summary>
    /// <param name="timeProvider">The clock.</param>
    /// <param name="logger">The logger.</param>
    public SimulatedPlugin(TimeProvider timeProvider, ILogger<SimulatedPlugin> logger)
        : base(timeProvider, logger)
    {
    }

    /// <inheritdoc />
    public override PluginDescriptor Descriptor => Meta;

    /// <inheritdoc />
    protected override IReadOnlyList<ChannelDescriptor> GetChannels() => ChannelSet;

    /// <summary>Forces demo mode: this plugin has no hardware.</summary>
    /// <param name="options">The bound options.</param>
    protected override void OnConfiguring(PluginInstanceOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.DemoMode = true;
    }

    /// <inheritdoc />
    protected override ValueTask<double?> ReadCoreAsync(string channelId, CancellationToken ct) => ValueTask.FromResult<double?>(null);

    /// <inheritdoc />
    protected override ValueTask WriteCoreAsync(string channelId, double raw, CancellationToken ct) => default;

    private static ChannelDescriptor Sensor(string id, string name, string unit, double min, double max, SimulationProfile profile, double baseValue, double amplitude, double period, double noise) => new()
    {
        Id = id,
        Name = name,
        Direction = ChannelDirection.Input,
        Unit = unit,
        MinValue = min,
        MaxValue = max,
        Simulation = new SimulationSpec { Profile = profile, BaseValue = baseValue, Amplitude = amplitude, PeriodSeconds = period, Noise = noise },
    };

    private static ChannelDescriptor Actuator(string id, string name) => new()
    {
        Id = id,
        Name = name,
        Direction = ChannelDirection.Output,
        Unit = "%",
        MinValue = 0,
        MaxValue = 100,
        SafeValue = 0.0,
        Simulation = new SimulationSpec { Profile = SimulationProfile.Constant },
        UiHints = new Dictionary<string, string> { ["widget_type"] = "slider" },
    };
}
