using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace WebMacs.Plugins.Modbus.Tests;

public sealed class ModbusPluginRegistrationTests
{
    [Fact]
    public void FromAssembly_PluginPackage_DeclaresModbusPlugin()
    {
        var registration = Assert.Single(DevicePluginRegistration.FromAssembly(typeof(ModbusPlugin).Assembly));

        Assert.Equal(typeof(ModbusPlugin), registration.PluginType);
    }

    [Fact]
    public async Task CreatePlugin_ServicesWithLoggingAndClock_CreatesAConfigurablePlugin()
    {
        var services = new ServiceCollection()
            .AddLogging()
            .AddSingleton(TimeProvider.System)
            .BuildServiceProvider();
        var registration = DevicePluginRegistration.Create(typeof(ModbusPlugin));

        await using var plugin = registration.CreatePlugin(services);
        plugin.Configure("""{"host": "127.0.0.1"}""");

        Assert.Equal("modbus_sensor", registration.GetDescriptor(services).Id);
        Assert.Equal(PluginState.Configured, plugin.State);
        Assert.NotNull(services.GetService<ILoggerFactory>());
    }

    [Fact]
    public async Task CreatePlugin_NoServices_FallsBackToDefaults()
    {
        await using var services = new ServiceCollection().BuildServiceProvider();

        await using var plugin = DevicePluginRegistration.Create(typeof(ModbusPlugin)).CreatePlugin(services);

        Assert.IsType<ModbusPlugin>(plugin);
    }
}
