using System.ComponentModel.DataAnnotations;
using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using WebMacs.AspNetCore.Tests.Dashboards;
using WebMacs.AspNetCore.Tests.Support;
using WebMacs.Plugins;
using WebMacs.Testing.Hosting;
using DomainDirection = WebMacs.Domain.ChannelDirection;

namespace WebMacs.AspNetCore.Tests.Plugins;

/// <summary>
/// Device plugins registered with <c>AddDevicePlugin&lt;T&gt;()</c> are what <c>/plugins/available</c> lists, and
/// creating an instance discovers the channels by configuring the plugin with its <c>config_json</c>.
/// </summary>
public sealed class DevicePluginCatalogTests
{
    private const string Path = "/api/v1/plugins";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public void ListPlugins_DevicePluginRegisteredTwice_IsListedOnce()
    {
        using var provider = Services().BuildServiceProvider();
        var catalog = new DefaultPluginCatalog([], provider.GetServices<DevicePluginRegistration>(), provider);

        var plugins = catalog.ListPlugins();

        Assert.Equal([new PluginMeta("probe", "Probe", "2.1.0", "Tests", "Channels on demand.", null)], plugins);
    }

    [Fact]
    public void DiscoverChannels_DevicePlugin_ConfiguresWithTheConfigAndDemoMode()
    {
        using var provider = Services().BuildServiceProvider();
        var catalog = new DefaultPluginCatalog([], provider.GetServices<DevicePluginRegistration>(), provider);

        var channels = catalog.DiscoverChannels("probe", """{"channel_count": 2, "colour": "ignored"}""", demoMode: false);

        Assert.Equal(
            [new ChannelInfo("ch1", "Channel 1", DomainDirection.Input, "V", 0, 10), new ChannelInfo("ch2", "Channel 2", DomainDirection.Output, "V", 0, 10)],
            channels);
        Assert.False(ProbePlugin.LastDemoMode);
    }

    [Theory]
    [InlineData("""{"channel_count": 0}""")]
    [InlineData("[1]")]
    [InlineData("not json")]
    public void DiscoverChannels_UnusableConfig_Throws(string config)
    {
        using var provider = Services().BuildServiceProvider();
        var catalog = new DefaultPluginCatalog([], provider.GetServices<DevicePluginRegistration>(), provider);

        Assert.Throws<PluginConfigException>(() => catalog.DiscoverChannels("probe", config, demoMode: true));
    }

    [Fact]
    public async Task Available_DevicePluginRegistered_IsListedAndInstancesGetItsChannels()
    {
        await using var host = await WebMacsTestHost.StartAsync(b => b.AddSqlite().AddDevicePlugin<ProbePlugin>());
        var client = host.CreateClient(await host.LoginAsync());

        using var available = await client.GetAsync($"{Path}/available", Ct);
        var name = PluginData.UniqueName("Probe");
        using var created = await client.PostRawJsonAsync(Path, JsonSerializer.Serialize(new { plugin_id = "probe", instance_name = name, config_json = """{"channel_count": 3}""" }));

        var listed = Assert.Single((await available.ReadOkAsync()).EnumerateArray());
        Assert.Equal(("probe", "2.1.0"), (listed.GetProperty("id").GetString(), listed.GetProperty("version").GetString()));
        await created.AssertSuccessAsync(HttpStatusCode.Created, "Plugin instance created.");
        var instance = await host.FindInstanceAsync(name);
        Assert.Equal(["ch1", "ch2", "ch3"], instance!.ChannelMappings.OrderBy(m => m.Id).Select(m => m.ChannelId));
        Assert.All(instance.ChannelMappings, m => Assert.Equal($"{name} – {m.ChannelName}", m.Event!.Name));
    }

    private static ServiceCollection Services()
    {
        var services = new ServiceCollection();
        new Builder(services).AddDevicePlugin<ProbePlugin>().AddDevicePlugin<ProbePlugin>();
        return services;
    }

    private sealed class Builder(IServiceCollection services) : IWebMacsBuilder
    {
        public IServiceCollection Services => services;

        public Microsoft.Extensions.Configuration.IConfiguration Configuration { get; } = new Microsoft.Extensions.Configuration.ConfigurationBuilder().Build();
    }

    public sealed class ProbeOptions : PluginInstanceOptions
    {
        [Range(1, 10)]
        public int ChannelCount { get; set; } = 1;
    }

    /// <summary>A plugin whose channel count comes from its configuration.</summary>
    public sealed class ProbePlugin : DevicePlugin<ProbeOptions>
    {
        public static bool? LastDemoMode { get; private set; }

        public override PluginDescriptor Descriptor { get; } = new() { Id = "probe", Name = "Probe", Version = "2.1.0", Vendor = "Tests", Description = "Channels on demand." };

        protected override IReadOnlyList<ChannelDescriptor> GetChannels()
        {
            LastDemoMode = Options!.DemoMode;
            return [.. Enumerable.Range(1, Options.ChannelCount).Select(i => new ChannelDescriptor
            {
                Id = $"ch{i}",
                Name = $"Channel {i}",
                Direction = i % 2 == 0 ? ChannelDirection.Output : ChannelDirection.Input,
                Unit = "V",
                MaxValue = 10,
            })];
        }

        protected override ValueTask<double?> ReadCoreAsync(string channelId, CancellationToken ct) => ValueTask.FromResult<double?>(1);

        protected override ValueTask WriteCoreAsync(string channelId, double raw, CancellationToken ct) => default;
    }
}
