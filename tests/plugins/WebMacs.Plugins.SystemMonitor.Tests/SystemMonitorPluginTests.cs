using WebMacs.Plugins.Testing;

namespace WebMacs.Plugins.SystemMonitor.Tests;

public sealed class SystemMonitorPluginTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Conformance_DemoMode_PassesEveryCheck()
    {
        var results = await PluginConformance.VerifyAsync<SystemMonitorPlugin>(ct: Ct);

        Assert.All(results, r => Assert.True(r.Passed, r.Message));
    }

    [Fact]
    public void Configure_Default_HasSevenInputChannels()
    {
        var plugin = new SystemMonitorPlugin();

        plugin.Configure(null);

        Assert.Equal(
            ["cpu_percent", "memory_percent", "memory_used_gb", "disk_percent", "disk_used_gb", "load_avg_1m", "cpu_temp"],
            plugin.ChannelList.Select(c => c.Id));
        Assert.All(plugin.ChannelList, c => Assert.Equal(ChannelDirection.Input, c.Direction));
        Assert.Equal(["monitoring", "system", "builtin"], plugin.Descriptor.Tags);
    }

    [Fact]
    public async Task ReadInputsAsync_FakeProcfs_ComputesEveryMetric()
    {
        using var host = new FakeHost()
            .Write("proc/stat", "cpu  100 0 100 800 0 0 0 0 0 0\ncpu0 1 2 3 4\n")
            .Write("proc/meminfo", "MemTotal:       8388608 kB\nMemFree:         100 kB\nMemAvailable:    2097152 kB\n")
            .Write("proc/loadavg", "0.75 0.50 0.25 1/100 1234\n")
            .Write("sys/class/hwmon/hwmon0/name", "acpitz\n")
            .Write("sys/class/hwmon/hwmon0/temp1_input", "30000\n")
            .Write("sys/class/hwmon/hwmon1/name", "coretemp\n")
            .Write("sys/class/hwmon/hwmon1/temp1_input", "47500\n");
        await using var plugin = new SystemMonitorPlugin();
        plugin.Configure(host.Config);
        await plugin.ConnectAsync(Ct);
        host.Write("proc/stat", "cpu  150 0 150 900 0 0 0 0 0 0\n");

        var values = (await plugin.ReadInputsAsync(Ct)).ToDictionary(r => r.ChannelId, r => r.Value);

        Assert.Equal(50.0, values["cpu_percent"]);          // 100 busy of 200 jiffies
        Assert.Equal(75.0, values["memory_percent"]);       // 6 of 8 GiB in use
        Assert.Equal(6.0, values["memory_used_gb"]);
        Assert.Equal(0.75, values["load_avg_1m"]);
        Assert.Equal(47.5, values["cpu_temp"]);             // coretemp wins over the first sensor
        Assert.InRange(values["disk_percent"]!.Value, 0, 100);
        Assert.NotNull(values["disk_used_gb"]);
        Assert.Empty(plugin.CheckHealth().UnavailableChannels);
    }

    [Fact]
    public async Task ReadAsync_NoThermalSensor_GivesNullWithAReasonAndNoError()
    {
        using var host = new FakeHost();
        await using var plugin = new SystemMonitorPlugin();
        plugin.Configure(host.Config);
        await plugin.ConnectAsync(Ct);

        var temperature = await plugin.ReadAsync("cpu_temp", Ct);
        var load = await plugin.ReadAsync("load_avg_1m", Ct);
        var health = plugin.CheckHealth();

        Assert.Null(temperature);
        Assert.Null(load);
        Assert.Contains("no temperature sensor", health.UnavailableChannels["cpu_temp"], StringComparison.Ordinal);
        Assert.Contains("loadavg", health.UnavailableChannels["load_avg_1m"], StringComparison.Ordinal);
        Assert.Equal((0, true), (health.ErrorCount, health.IsHealthy));
    }

    [Fact]
    public async Task ReadAsync_ThermalZoneOnly_UsesTheFirstZone()
    {
        using var host = new FakeHost().Write("sys/class/thermal/thermal_zone0/temp", "61000\n");
        await using var plugin = new SystemMonitorPlugin();
        plugin.Configure(host.Config);
        await plugin.ConnectAsync(Ct);

        Assert.Equal(61.0, await plugin.ReadAsync("cpu_temp", Ct));
    }

    [Fact]
    public async Task ReadAsync_SensorComesBack_ClearsTheReason()
    {
        using var host = new FakeHost();
        await using var plugin = new SystemMonitorPlugin();
        plugin.Configure(host.Config);
        await plugin.ConnectAsync(Ct);
        await plugin.ReadAsync("load_avg_1m", Ct);
        host.Write("proc/loadavg", "1.5 1 1 1/1 1\n");

        Assert.Equal(1.5, await plugin.ReadAsync("load_avg_1m", Ct));
        Assert.DoesNotContain("load_avg_1m", plugin.CheckHealth().UnavailableChannels.Keys);
    }

    [Fact]
    public async Task ReadInputsAsync_ThisMachine_ReadsWhatItHasAndExplainsTheRest()
    {
        await using var plugin = new SystemMonitorPlugin();
        plugin.Configure("""{"demo_mode": false}""");
        await plugin.ConnectAsync(Ct);

        var readings = await plugin.ReadInputsAsync(Ct);
        var unavailable = plugin.CheckHealth().UnavailableChannels;

        Assert.Equal(7, readings.Count);
        Assert.All(readings, r => Assert.True(r.Value is not null || unavailable.ContainsKey(r.ChannelId), $"{r.ChannelId} is null without a reason"));
        if (OperatingSystem.IsLinux())
        {
            Assert.All(readings.Where(r => r.ChannelId != "cpu_temp"), r => Assert.NotNull(r.Value));
        }

        Assert.Equal(0, plugin.ErrorCount);
    }

    [Fact]
    public void Configure_EmptyProcRoot_NamesTheField()
    {
        var plugin = new SystemMonitorPlugin();

        var ex = Assert.Throws<PluginConfigException>(() => plugin.Configure("""{"proc_root": ""}"""));

        Assert.Equal("proc_root", ex.Field);
    }
}
