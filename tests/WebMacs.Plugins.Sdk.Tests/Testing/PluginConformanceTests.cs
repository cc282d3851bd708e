using WebMacs.Plugins.Testing;
using WebMacs.Plugins.Tests.Devices;
using WebMacs.Plugins.Tests.Devices.Broken;

namespace WebMacs.Plugins.Tests.Testing;

public sealed class PluginConformanceTests
{
    [Fact]
    public async Task VerifyAsync_ConformingPlugin_PassesEveryCheck()
    {
        var results = await PluginConformance.VerifyAsync(() => new FakeDevice(), ct: TestContext.Current.CancellationToken);

        Assert.True(results.Count >= 13, $"only {results.Count} checks ran");
        Assert.All(results, r => Assert.True(r.Passed, $"{r.Name}: {r.Message}"));
    }

    [Fact]
    public async Task VerifyAsync_SloppyPlugin_ThrowsListingEveryFailedCheck()
    {
        var ex = await Assert.ThrowsAsync<PluginConformanceException>(() => PluginConformance.VerifyAsync<SloppyPlugin>(ct: TestContext.Current.CancellationToken));

        Assert.Equal(
            ["descriptor_id_format", "channel_ids_unique", "channel_units_present", "demo_inputs_have_values", "healthy_when_connected", "channel_ranges_valid", "conversions_round_trip"],
            ex.Failures.Select(f => f.Name));
        Assert.Contains("channel_ids_unique: Duplicate channel ids: a.", ex.Message, StringComparison.Ordinal);
        Assert.Contains("no_such_thing", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_DeadPlugin_ReportsConnectFailuresWithoutThrowing()
    {
        var results = await PluginConformance.RunAsync(() => new DeadPlugin(), ct: TestContext.Current.CancellationToken);

        var failed = results.Where(r => !r.Passed).Select(r => r.Name).ToList();
        Assert.Contains("has_channels", failed);
        Assert.Contains("connect_disconnect_cycle", failed);
        Assert.Contains("healthy_when_connected", failed);
        Assert.Contains("PluginConnectionException", results.Single(r => r.Name == "connect_disconnect_cycle").Message, StringComparison.Ordinal);
    }
}
