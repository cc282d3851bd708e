using System.Text.Json;
using WebMacs.Domain;
using WebMacs.Plugins;
using ChannelDirection = WebMacs.Domain.ChannelDirection;

namespace WebMacs.AspNetCore.Tests.Plugins;

/// <summary>
/// A test-only plugin catalogue registered in the test host's services: a "simulated" plugin with the nine channels
/// of the original's bundled one, a "system" plugin without a URL, a "configurable" one whose channels come from its
/// config JSON (plus a "demo" channel in demo mode), a "broken" one whose discovery throws and a "sloppy" one that
/// reports channels that cannot be stored.
/// </summary>
internal sealed class TestPluginCatalog : IPluginCatalog
{
    public static readonly PluginMeta Simulated = new("simulated", "Simulated Device", "0.2.0", "WebMACS", "Virtual sensors & actuators for testing and demonstration.", "https://github.com/stefanposs/webmacs");
    public static readonly PluginMeta System = new("system", "System Monitor", "0.1.0", "WebMACS", "CPU, memory, disk and temperature monitoring of the host system.", null);

    public static readonly ChannelInfo[] SimulatedChannels =
    [
        new("temp_reactor", "Temperature Reactor", ChannelDirection.Input, "°C", 20, 500),
        new("temp_inlet", "Temperature Inlet", ChannelDirection.Input, "°C", 15, 200),
        new("temp_outlet", "Temperature Outlet", ChannelDirection.Input, "°C", 15, 300),
        new("pressure_chamber", "Pressure Chamber", ChannelDirection.Input, "bar", 0, 6),
        new("pressure_diff", "Pressure Differential", ChannelDirection.Input, "mbar", 0, 100),
        new("volume_flow", "Volume Flow", ChannelDirection.Input, "m³/h", 0, 40),
        new("humidity", "Humidity", ChannelDirection.Input, "%", 0, 100),
        new("heater_power", "Heater Power", ChannelDirection.Output, "%", 0, 100),
        new("valve_position", "Valve Position", ChannelDirection.Output, "%", 0, 100),
    ];

    /// <summary>Gets or sets a value indicating whether listing the catalogue throws.</summary>
    public bool FailListing { get; set; }

    /// <summary>Gets the arguments of the last discovery.</summary>
    public (string PluginId, string? ConfigJson, bool DemoMode)? LastDiscovery { get; private set; }

    public IReadOnlyList<PluginMeta> ListPlugins() => FailListing
        ? throw new InvalidOperationException("Catalogue unavailable.")
        : [Simulated, System, new("configurable", "Configurable", "1.0.0", "Tests", "Channels from the config.", null)];

    public IReadOnlyList<ChannelInfo> DiscoverChannels(string pluginId, string? configJson, bool demoMode)
    {
        LastDiscovery = (pluginId, configJson, demoMode);
        return pluginId switch
        {
            "simulated" => SimulatedChannels,
            "configurable" => FromConfig(configJson, demoMode),
            "broken" => throw new InvalidOperationException("Device not reachable."),
            "sloppy" =>
            [
                new("ok", "Okay", ChannelDirection.Input, "V", 0, 10),
                new("ok", "Duplicate", ChannelDirection.Input, "V", 0, 10),
                new(new string('c', 101), "Too long id", ChannelDirection.Input, "V", 0, 10),
                new("nan", "Not a number", ChannelDirection.Input, "V", double.NaN, 10),
                new("nul", "Nul\0name", ChannelDirection.Input, "V", 0, 10),
                new("unit", "Long unit", ChannelDirection.Input, new string('u', 51), 0, 10),
                new("ok2", "Okay 2", ChannelDirection.Bidirectional, "V", -1, 1),
            ],
            _ => [],
        };
    }

    private static List<ChannelInfo> FromConfig(string? configJson, bool demoMode)
    {
        using var document = JsonDocument.Parse(configJson ?? "{}");
        var channels = document.RootElement.GetProperty("channels").EnumerateArray()
            .Select(c => new ChannelInfo(
                c.GetProperty("id").GetString()!,
                c.GetProperty("name").GetString()!,
                WireEnum<ChannelDirection>.Parse(c.GetProperty("direction").GetString()!),
                c.GetProperty("unit").GetString()!,
                c.GetProperty("min").GetDouble(),
                c.GetProperty("max").GetDouble()))
            .ToList();
        if (demoMode)
        {
            channels.Add(new ChannelInfo("demo", "Demo", ChannelDirection.Input, "x", 0, 1));
        }

        return channels;
    }
}
