using WebMacs.Domain;
using WebMacs.AspNetCore.Tests.Support;
using WebMacs.Plugins;
using WebMacs.Testing.Postgres;

namespace WebMacs.AspNetCore.Tests.Acquisition;

/// <summary>The acquisition engine in a real host: instances from the API are polled into the database, failures stay per instance.</summary>
public sealed class AcquisitionEngineTests(PostgresServer postgres)
{
    [Theory]
    [MemberData(nameof(TestStores.All), MemberType = typeof(TestStores))]
    public async Task Sync_InstanceCreatedThroughApi_StoresItsChannelsWithSamplingTimestamps(TestStore store)
    {
        await using var host = await AcquisitionHost.StartAsync(store, postgres);

        var (id, name) = await host.CreateInstanceAsync();
        await AcquisitionHost.WaitUntilAsync(async () => (await host.DatapointsAsync(id, "in2")).Count >= 5, "five polls are stored");

        var plugin = AcquisitionHost.PluginOf(name);
        var in1 = await host.DatapointsAsync(id, "in1");
        var in2 = await host.DatapointsAsync(id, "in2");
        Assert.All(in1.Concat(in2), d => Assert.Equal(0.0, d.Value % 1));
        Assert.All(in1, d => Assert.Equal(1.0, d.Value % 2));
        Assert.All(in2, d => Assert.Equal(0.0, d.Value % 2));
        foreach (var point in in1.Concat(in2))
        {
            // Read n is stamped when its poll began: after the previous poll's reads, never after its own read.
            var read = (int)point.Value;
            var stamp = DateTime.SpecifyKind(point.Timestamp, DateTimeKind.Utc);
            var firstOfPoll = read % 2 == 1 ? read : read - 1;
            Assert.True(stamp <= plugin.ReadTimes[read], $"Read {read} stamped {stamp:O}, after it happened ({plugin.ReadTimes[read]:O}).");
            if (firstOfPoll > 1)
            {
                Assert.True(stamp > plugin.ReadTimes[firstOfPoll - 1], $"Read {read} stamped {stamp:O}, before the previous poll ended.");
            }
        }

        Assert.Equal(PluginStatus.Connected, (await host.InstanceAsync(id))!.Status);
    }

    [Theory]
    [MemberData(nameof(TestStores.All), MemberType = typeof(TestStores))]
    public async Task Poll_ReadsOfOneInstanceThrow_OtherInstanceGoesOnAndTheFailureIsReported(TestStore store)
    {
        await using var host = await AcquisitionHost.StartAsync(store, postgres);

        var (broken, _) = await host.CreateInstanceAsync(""", "fail_reads": true""");
        var (healthy, _) = await host.CreateInstanceAsync();
        await AcquisitionHost.WaitUntilAsync(async () => (await host.InstanceAsync(broken))!.Status == PluginStatus.Error, "the broken instance reports an error");
        await AcquisitionHost.WaitUntilAsync(async () => (await host.DatapointsAsync(healthy, "in1")).Count >= 5, "the healthy instance stores five polls");

        var failed = await host.InstanceAsync(broken);
        Assert.Contains("sensor unplugged", failed!.ErrorMessage, StringComparison.Ordinal);
        Assert.Empty(await host.DatapointsAsync(broken, "in1"));
        Assert.Equal(PluginStatus.Connected, (await host.InstanceAsync(healthy))!.Status);
    }

    [Theory]
    [MemberData(nameof(TestStores.All), MemberType = typeof(TestStores))]
    public async Task Connect_FailsTwice_IsRetriedWithBackOffAndRecovers(TestStore store)
    {
        await using var host = await AcquisitionHost.StartAsync(store, postgres);

        var (id, name) = await host.CreateInstanceAsync(""", "fail_connects": 2, "retry_policy": {"base_delay": 0.1, "max_delay": 1}""");
        await AcquisitionHost.WaitUntilAsync(async () => (await host.DatapointsAsync(id, "in1")).Count >= 2, "the instance stores data after reconnecting");
        await AcquisitionHost.WaitUntilAsync(async () => (await host.InstanceAsync(id))!.Status == PluginStatus.Connected, "the instance reports connected");

        Assert.Equal(3, AcquisitionHost.PluginOf(name).ConnectAttempts);
        Assert.Null((await host.InstanceAsync(id))!.ErrorMessage);
    }

    [Theory]
    [MemberData(nameof(TestStores.All), MemberType = typeof(TestStores))]
    public async Task StopAsync_HostStops_WritesTheSafeValues(TestStore store)
    {
        var host = await AcquisitionHost.StartAsync(store, postgres);
        CountingPlugin plugin;
        try
        {
            var (_, name) = await host.CreateInstanceAsync();
            await AcquisitionHost.WaitUntilAsync(() => Task.FromResult(CountingPlugin.ByName.TryGetValue(name, out var p) && p.Reads >= 4), "the instance is polled");
            plugin = AcquisitionHost.PluginOf(name);
            Assert.Empty(plugin.Writes);
        }
        finally
        {
            await host.DisposeAsync();
        }

        Assert.Equal([("out", CountingPlugin.SafeValue)], plugin.Writes);
        Assert.Equal(PluginState.Disconnected, plugin.State);
    }

    [Theory]
    [MemberData(nameof(TestStores.All), MemberType = typeof(TestStores))]
    public async Task Sync_InstanceDisabled_StopsPollingWritesTheSafeValuesAndReportsInactive(TestStore store)
    {
        await using var host = await AcquisitionHost.StartAsync(store, postgres);
        var (id, name) = await host.CreateInstanceAsync();
        await AcquisitionHost.WaitUntilAsync(async () => (await host.DatapointsAsync(id, "in1")).Count >= 2, "the instance is polled");

        var plugin = AcquisitionHost.PluginOf(name);
        await host.DisableAsync(id);

        // The engine forgets the runner first and then stops it: wait for the stop's outcomes, not only the removal.
        await AcquisitionHost.WaitUntilAsync(() => Task.FromResult(host.Engine.Find(id) is null), "the engine drops the instance");
        await AcquisitionHost.WaitUntilAsync(
            async () => plugin.State == PluginState.Disconnected && (await host.InstanceAsync(id))!.Status == PluginStatus.Inactive,
            "the plugin is disconnected and the instance reported inactive");
        Assert.Equal([("out", CountingPlugin.SafeValue)], plugin.Writes);
    }

    [Theory]
    [MemberData(nameof(TestStores.All), MemberType = typeof(TestStores))]
    public async Task Sync_DemoInstance_ReportsDemoAndStoresSimulatedValues(TestStore store)
    {
        await using var host = await AcquisitionHost.StartAsync(store, postgres);

        var (id, name) = await host.CreateInstanceAsync(demoMode: true);
        await AcquisitionHost.WaitUntilAsync(async () => (await host.DatapointsAsync(id, "in1")).Count >= 2, "simulated values are stored");
        await AcquisitionHost.WaitUntilAsync(async () => (await host.InstanceAsync(id))!.Status == PluginStatus.Demo, "the instance reports demo");

        Assert.Equal(0, AcquisitionHost.PluginOf(name).Reads);
    }
}
