using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using WebMacs.Plugins;

namespace WebMacs.RevPi.Tests.DependencyInjection;

public class RevPiWebMacsBuilderExtensionsTests
{
    [Fact]
    public async Task AddRevPi_BindsWebMacsRevPiAndRegistersThePlugin()
    {
        var builder = Builder(new()
        {
            ["WebMacs:RevPi:ConfigPath"] = RevPiFixtures.OwnConfig,
            ["WebMacs:RevPi:ImagePath"] = "/tmp/image",
            ["WebMacs:RevPi:SignedIos:0"] = "AnalogIn",
            ["WebMacs:RevPi:SafeValues:PWM_1"] = "5",
            ["WebMacs:RevPi:DeviceFilter:0"] = "dio01",
        });

        builder.AddRevPi();
        await using var services = builder.Services.BuildServiceProvider(validateScopes: true);

        var options = services.GetRequiredService<IOptions<RevPiOptions>>().Value;
        Assert.Equal(("/tmp/image", RevPiFixtures.OwnConfig), (options.ImagePath, options.ConfigPath));
        Assert.Equal(["AnalogIn"], options.SignedIos);
        Assert.Equal(["dio01"], options.DeviceFilter);
        Assert.Equal(5, options.SafeValues["PWM_1"]);
        var registration = Assert.Single(services.GetServices<DevicePluginRegistration>());
        Assert.Equal(typeof(RevPiPlugin), registration.PluginType);
        Assert.Equal("revpi", registration.GetDescriptor(services).Id);

        await using var plugin = Assert.IsType<RevPiPlugin>(registration.CreatePlugin(services));
        plugin.Configure("""{"instance_name":"line 1"}""");
        Assert.Equal(12, plugin.Channels.Count);
        Assert.Equal(-32768, plugin.Channels["AnalogIn"].MinValue);
        Assert.Equal(5, plugin.Channels["PWM_1"].SafeValue);
    }

    [Fact]
    public async Task AddRevPi_CalledTwice_RegistersOnceAndAppliesBothConfigureCalls()
    {
        var builder = Builder([]);

        builder.AddRevPi(o => o.ImagePath = "/tmp/first").AddRevPi(o => o.ConfigPath = "/tmp/second.rsc");
        await using var services = builder.Services.BuildServiceProvider();

        Assert.Single(services.GetServices<DevicePluginRegistration>());
        Assert.Single(builder.Services, d => d.ServiceType == typeof(IValidateOptions<RevPiOptions>));
        var options = services.GetRequiredService<IOptions<RevPiOptions>>().Value;
        Assert.Equal(("/tmp/first", "/tmp/second.rsc"), (options.ImagePath, options.ConfigPath));
    }

    [Fact]
    public async Task AddRevPi_Defaults_AreTheRevPiPaths()
    {
        var builder = Builder([]);

        builder.AddRevPi();
        await using var services = builder.Services.BuildServiceProvider();

        var options = services.GetRequiredService<IOptions<RevPiOptions>>().Value;
        Assert.Equal(("/dev/piControl0", "/etc/revpi/config.rsc"), (options.ImagePath, options.ConfigPath));
    }

    [Theory]
    [InlineData("WebMacs:RevPi:ImagePath", "", "ImagePath")]
    [InlineData("WebMacs:RevPi:PollIntervalMs", "5", "PollIntervalMs")]
    [InlineData("WebMacs:RevPi:RetryPolicy:MaxDelay", "0.5", "RetryPolicy")]
    public async Task AddRevPi_InvalidSetting_FailsAtStartNamingIt(string key, string value, string expected)
    {
        var builder = Builder(new() { [key] = value });

        builder.AddRevPi();
        await using var services = builder.Services.BuildServiceProvider();

        var ex = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IStartupValidator>().Validate());
        Assert.Contains(expected, ex.Message, StringComparison.Ordinal);
    }

    private static TestBuilder Builder(Dictionary<string, string?> settings)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        return new TestBuilder(services, new ConfigurationBuilder().AddInMemoryCollection(settings).Build());
    }

    private sealed class TestBuilder(IServiceCollection services, IConfiguration configuration) : IWebMacsBuilder
    {
        public IServiceCollection Services { get; } = services;

        public IConfiguration Configuration { get; } = configuration;
    }
}
