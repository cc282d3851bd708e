using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace WebMacs.Plugins.Tests.Devices;

public sealed class DevicePluginWebMacsBuilderExtensionsTests
{
    [Fact]
    public void AddDevicePlugin_Twice_RegistersOnce()
    {
        var builder = new Builder();

        builder.AddDevicePlugin<FakeDevice>().AddDevicePlugin<FakeDevice>();

        using var provider = builder.Services.BuildServiceProvider();
        var registration = Assert.Single(provider.GetServices<DevicePluginRegistration>());
        Assert.Equal((typeof(FakeDevice), "registered"), (registration.PluginType, registration.Source));
    }

    [Fact]
    public void CreatePlugin_FromServices_InjectsTheClockAndGivesFreshInstances()
    {
        var builder = new Builder();
        var time = new FakeTimeProvider();
        builder.Services.AddSingleton<TimeProvider>(time);
        builder.AddDevicePlugin<FakeDevice>();
        using var provider = builder.Services.BuildServiceProvider();
        var registration = provider.GetRequiredService<DevicePluginRegistration>();

        var first = registration.CreatePlugin(provider);
        var second = registration.CreatePlugin(provider);

        Assert.NotSame(first, second);
        Assert.Equal(PluginState.Discovered, first.State);
        Assert.Equal("fake_device", registration.GetDescriptor(provider).Id);
    }

    [Fact]
    public void AddDevicePlugin_NotAPlugin_ThrowsLoadException() =>
        Assert.Throws<PluginLoadException>(() => new Builder().AddDevicePlugin(typeof(string)));

    [Fact]
    public void AddDevicePlugin_AbstractPlugin_ThrowsLoadException() =>
        Assert.Throws<PluginLoadException>(() => new Builder().AddDevicePlugin<DevicePlugin>());

    [Fact]
    public void GetDescriptor_NoVersion_ThrowsLoadException()
    {
        var registration = DevicePluginRegistration.Create(typeof(Broken.NoVersionPlugin));
        using var provider = new ServiceCollection().BuildServiceProvider();

        Assert.Throws<PluginLoadException>(() => registration.GetDescriptor(provider));
    }

    [Fact]
    public void FromAssembly_MarkedAssembly_ListsThePluginTypes()
    {
        var registrations = DevicePluginRegistration.FromAssembly(typeof(FakeDevice).Assembly);

        Assert.Equal([typeof(FakeDevice)], registrations.Select(r => r.PluginType));
    }

    private sealed class Builder : IWebMacsBuilder
    {
        public IServiceCollection Services { get; } = new ServiceCollection();

        public IConfiguration Configuration { get; } = new ConfigurationBuilder().Build();
    }
}
