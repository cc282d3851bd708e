using System.Globalization;
using Microsoft.Extensions.Time.Testing;

namespace WebMacs.Plugins.Weather.Tests;

/// <summary>The weather plugin against a real local HTTP server serving canned answers (see <see cref="WeatherApiServer"/>).</summary>
public sealed class WeatherPluginTests(WeatherApiServer server) : IClassFixture<WeatherApiServer>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ReadInputsAsync_ApiAnswers_ReturnsTheCurrentValuesPerChannel()
    {
        await using var plugin = await ConnectAsync("ok");

        var readings = await plugin.ReadInputsAsync(Ct);

        Assert.Equal(
            [("temperature", 7.4), ("humidity", 81.0), ("wind_speed", 14.3), ("pressure", 1016.2), ("rainfall", 0.3)],
            readings.Select(r => (r.ChannelId, r.Value!.Value)));
        Assert.True(plugin.CheckHealth().IsHealthy);
        Assert.Null(plugin.LastError);
    }

    [Fact]
    public async Task ReadInputsAsync_Coordinates_AreSentWithTheFieldsInMetricUnits()
    {
        await using var plugin = await ConnectAsync("ok", """, "latitude": -33.87, "longitude": 151.21""");

        await plugin.ReadInputsAsync(Ct);

        var query = Assert.Single(server.Queries, q => q.Contains("latitude=-33.87&longitude=151.21", StringComparison.Ordinal));
        Assert.Contains("current=temperature_2m,relative_humidity_2m,wind_speed_10m,pressure_msl,precipitation", query, StringComparison.Ordinal);
        Assert.Contains("wind_speed_unit=kmh", query, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReadInputsAsync_StationId_IsSentInsteadOfCoordinates()
    {
        var station = "st-" + Guid.NewGuid().ToString("N")[..8];
        await using var plugin = await ConnectAsync("ok", $$""", "station_id": "{{station}}" """);

        var readings = await plugin.ReadInputsAsync(Ct);

        var query = Assert.Single(server.Queries, q => q.Contains("station_id=" + station, StringComparison.Ordinal));
        Assert.DoesNotContain("latitude=", query, StringComparison.Ordinal);
        Assert.All(readings, r => Assert.NotNull(r.Value));
    }

    [Fact]
    public async Task ReadInputsAsync_WithinTheRefreshInterval_ReusesOneResponse()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.Parse("2026-11-29T05:00:00Z", CultureInfo.InvariantCulture));
        await using var plugin = await ConnectAsync("ok", """, "refresh_interval_s": 600""", clock);

        var first = await plugin.ReadInputsAsync(Ct);
        clock.Advance(TimeSpan.FromMinutes(5));
        var second = await plugin.ReadInputsAsync(Ct);
        var single = await plugin.ReadAsync("pressure", Ct);
        Assert.Equal(1, plugin.RequestCount);

        clock.Advance(TimeSpan.FromMinutes(6));
        await plugin.ReadInputsAsync(Ct);

        Assert.Equal(2, plugin.RequestCount);
        Assert.Equal(first, second);
        Assert.Equal(1016.2, single);
    }

    [Fact]
    public async Task ReadInputsAsync_RefreshIntervalZero_SendsOneRequestPerPoll()
    {
        await using var plugin = await ConnectAsync("ok", """, "refresh_interval_s": 0""");

        for (var i = 0; i < 3; i++)
        {
            await plugin.ReadInputsAsync(Ct);
        }

        Assert.Equal(3, plugin.RequestCount);
    }

    [Fact]
    public async Task ReadInputsAsync_ServerError_GivesNullReadingsAndAHealthReason()
    {
        await using var plugin = await ConnectAsync("error");

        var readings = await plugin.ReadInputsAsync(Ct);

        Assert.All(readings, r => Assert.Null(r.Value));
        Assert.Contains("500", plugin.LastError, StringComparison.Ordinal);
        var health = plugin.CheckHealth();
        Assert.Equal(5, health.UnavailableChannels.Count);
        Assert.Contains("500", health.UnavailableChannels["temperature"], StringComparison.Ordinal);
        Assert.Equal(1, plugin.ErrorCount);
    }

    [Fact]
    public async Task ReadInputsAsync_MalformedBody_GivesNullReadingsAndAHealthReason()
    {
        await using var plugin = await ConnectAsync("malformed");

        var readings = await plugin.ReadInputsAsync(Ct);
        var single = await plugin.ReadAsync("temperature", Ct);

        Assert.All(readings, r => Assert.Null(r.Value));
        Assert.Null(single);
        Assert.StartsWith("Weather API request to ", plugin.LastError, StringComparison.Ordinal);
        Assert.Equal(2, plugin.ErrorCount);
    }

    [Fact]
    public async Task ReadInputsAsync_ResponseSlowerThanTheTimeout_GivesNullReadingsAndSaysSo()
    {
        await using var plugin = await ConnectAsync("slow", """, "timeout_ms": 200""");

        var readings = await plugin.ReadInputsAsync(Ct);

        Assert.All(readings, r => Assert.Null(r.Value));
        Assert.Contains("did not answer within 200 ms", plugin.LastError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReadInputsAsync_UnreachableServer_GivesNullReadings()
    {
        var plugin = new WeatherPlugin();
        await using (plugin)
        {
            // Port 9 (discard) on loopback: nothing listens there, the connection is refused.
            plugin.Configure("""{"demo_mode": false, "base_url": "http://127.0.0.1:9/", "timeout_ms": 2000}""");
            await plugin.ConnectAsync(Ct);

            var readings = await plugin.ReadInputsAsync(Ct);

            Assert.All(readings, r => Assert.Null(r.Value));
            Assert.NotNull(plugin.LastError);
        }
    }

    [Fact]
    public async Task ReadInputsAsync_FieldsMissingOrNull_ReadNullWithAReasonAndTheRestRead()
    {
        await using var plugin = await ConnectAsync("partial");

        var readings = (await plugin.ReadInputsAsync(Ct)).ToDictionary(r => r.ChannelId, r => r.Value);

        Assert.Equal((-3.5, null, 0.0, 998.1, null), (readings["temperature"], readings["humidity"], readings["wind_speed"], readings["pressure"], readings["rainfall"]));
        Assert.Equal(["humidity", "rainfall"], plugin.CheckHealth().UnavailableChannels.Keys.Order());
    }

    [Fact]
    public async Task ReadInputsAsync_AfterAFailure_RecoversOnTheNextGoodAnswer()
    {
        await using var plugin = await ConnectAsync("error");
        await plugin.ReadInputsAsync(Ct);
        await plugin.DisconnectAsync(Ct);
        plugin.Configure($$"""{"demo_mode": false, "base_url": "{{server.UrlOf("ok")}}"}""");
        await plugin.ConnectAsync(Ct);

        var readings = await plugin.ReadInputsAsync(Ct);

        Assert.All(readings, r => Assert.NotNull(r.Value));
        Assert.Empty(plugin.CheckHealth().UnavailableChannels);
    }

    [Theory]
    [InlineData("""{"base_url": "not a url"}""", "base_url")]
    [InlineData("""{"latitude": 91}""", "latitude")]
    [InlineData("""{"timeout_ms": 10}""", "timeout_ms")]
    public void Configure_InvalidSetting_ThrowsNamingTheField(string config, string field)
    {
        var plugin = new WeatherPlugin();

        var error = Assert.Throws<PluginConfigException>(() => plugin.Configure(config));

        Assert.Contains(field, error.Field ?? error.Message, StringComparison.Ordinal);
    }

    private async Task<WeatherPlugin> ConnectAsync(string scenario, string extra = "", TimeProvider? clock = null)
    {
        var plugin = new WeatherPlugin(clock);
        plugin.Configure($$"""{"demo_mode": false, "base_url": "{{server.UrlOf(scenario)}}", "refresh_interval_s": 0{{extra}}}""");
        await plugin.ConnectAsync(Ct);
        return plugin;
    }
}
