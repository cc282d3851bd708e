using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using WebMacs.Plugins.Testing;

namespace WebMacs.Plugins.Simulated.Tests;

public sealed class SimulatedPluginTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Conformance_DefaultConfiguration_PassesEveryCheck()
    {
        var results = await PluginConformance.VerifyAsync<SimulatedPlugin>(ct: Ct);

        Assert.All(results, r => Assert.True(r.Passed, r.Message));
    }

    [Fact]
    public void Configure_Default_HasSevenInputsAndTwoOutputsWithSafeZero()
    {
        var plugin = new SimulatedPlugin();

        plugin.Configure(null);

        Assert.Equal(9, plugin.ChannelList.Count);
        Assert.Equal(7, plugin.ChannelList.Count(c => c.Direction == ChannelDirection.Input));
        var outputs = plugin.ChannelList.Where(c => c.Direction == ChannelDirection.Output).ToList();
        Assert.Equal(["heater_power", "valve_position"], outputs.Select(c => c.Id));
        Assert.All(outputs, o => Assert.Equal(0.0, o.SafeValue));
        Assert.Equal(("simulated", "Simulated Device", "0.2.0"), (plugin.Descriptor.Id, plugin.Descriptor.Name, plugin.Descriptor.Version));
    }

    [Fact]
    public async Task Configure_DemoModeFalse_StaysInDemoMode()
    {
        await using var plugin = new SimulatedPlugin();

        plugin.Configure("""{"demo_mode": false}""");
        await plugin.ConnectAsync(Ct);

        Assert.True(plugin.IsDemoMode);
        Assert.NotNull(await plugin.ReadAsync("temp_reactor", Ct));
    }

    [Fact]
    public async Task ReadAsync_PressureChamber_IsAnAccumulatedWalkWithinRange()
    {
        await using var plugin = new SimulatedPlugin(new FakeTimeProvider(), Microsoft.Extensions.Logging.Abstractions.NullLogger<SimulatedPlugin>.Instance);
        plugin.Configure("""{"instance_name": "Walk"}""");
        await plugin.ConnectAsync(Ct);

        var values = new List<double>();
        for (var i = 0; i < 1000; i++)
        {
            values.Add((await plugin.ReadAsync("pressure_chamber", Ct))!.Value);
        }

        Assert.All(values, v => Assert.InRange(v, 0, 6));
        Assert.True(values.Max() - values.Min() > 0.5, $"the walk stayed within {values.Min()}..{values.Max()}");
    }

    [Fact]
    public async Task ReadInputsAsync_SameInstanceName_ReproducesTheSameValues()
    {
        async Task<List<double?>> RunAsync(string name)
        {
            await using var plugin = new SimulatedPlugin(new FakeTimeProvider(), Microsoft.Extensions.Logging.Abstractions.NullLogger<SimulatedPlugin>.Instance);
            plugin.Configure($$"""{"instance_name": "{{name}}"}""");
            await plugin.ConnectAsync(Ct);
            var values = new List<double?>();
            for (var i = 0; i < 10; i++)
            {
                values.AddRange((await plugin.ReadInputsAsync(Ct)).Select(r => r.Value));
            }

            return values;
        }

        Assert.Equal(await RunAsync("Lab"), await RunAsync("Lab"));
    }

    [Fact]
    public async Task WriteAsync_Output_ReadsBackClampedAndSafeAfterDisconnect()
    {
        await using var plugin = new SimulatedPlugin();
        plugin.Configure(null);
        await plugin.ConnectAsync(Ct);

        await plugin.WriteAsync("heater_power", 140, Ct);
        var written = await plugin.ReadAsync("heater_power", Ct);
        await plugin.DisconnectAsync(Ct);

        Assert.Equal(100, written);
        Assert.Equal(0, await plugin.ReadAsync("heater_power", Ct));
    }

    [Fact]
    public void AddDevicePlugin_WithoutLogging_CreatesThePluginThroughDependencyInjection()
    {
        var services = new ServiceCollection();
        new Builder(services).AddDevicePlugin<SimulatedPlugin>();
        using var provider = services.BuildServiceProvider();

        var plugin = provider.GetRequiredService<DevicePluginRegistration>().CreatePlugin(provider);

        Assert.IsType<SimulatedPlugin>(plugin);
    }

    [Fact]
    public void FromAssembly_PluginAssembly_DeclaresTheSimulatedPlugin() =>
        Assert.Equal([typeof(SimulatedPlugin)], DevicePluginRegistration.FromAssembly(typeof(SimulatedPlugin).Assembly).Select(r => r.PluginType));

    private sealed class Builder(IServiceCollection services) : IWebMacsBuilder
    {
        public IServiceCollection Services => services;

        public IConfiguration Configuration { get; } = new ConfigurationBuilder().Build();
    }
}
