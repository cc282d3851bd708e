using WebMacs.Plugins.Testing;

namespace WebMacs.Plugins.Weather.Tests;

public sealed class WeatherPluginConformanceTests
{
    [Fact]
    public async Task VerifyAsync_DemoMode_PassesEveryCheck()
    {
        var results = await PluginConformance.VerifyAsync<WeatherPlugin>("""{"demo_mode": true}""", TestContext.Current.CancellationToken);

        Assert.All(results, r => Assert.True(r.Passed, r.Message));
    }

    [Fact]
    public async Task ReadInputsAsync_DemoMode_GivesValuesInEveryChannelsRange()
    {
        await using var plugin = new WeatherPlugin();
        plugin.Configure("""{"demo_mode": true}""");
        await plugin.ConnectAsync(TestContext.Current.CancellationToken);

        var readings = await plugin.ReadInputsAsync(TestContext.Current.CancellationToken);

        Assert.Equal(["temperature", "humidity", "wind_speed", "pressure", "rainfall"], readings.Select(r => r.ChannelId));
        Assert.All(readings, r => Assert.InRange(r.Value!.Value, plugin.Channels[r.ChannelId].MinValue, plugin.Channels[r.ChannelId].MaxValue));
        Assert.Equal(["°C", "%", "km/h", "hPa", "mm/h"], plugin.ChannelList.Select(c => c.Unit));
        Assert.Equal(0, plugin.RequestCount);
    }
}
