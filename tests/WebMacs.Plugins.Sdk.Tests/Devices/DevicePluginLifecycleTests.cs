namespace WebMacs.Plugins.Tests.Devices;

public sealed class DevicePluginLifecycleTests
{
    private const string Hardware = """{"demo_mode": false}""";

    [Fact]
    public async Task Lifecycle_ConfigureConnectDisconnect_FollowsTheStateMachine()
    {
        await using var plugin = new FakeDevice();
        Assert.Equal(PluginState.Discovered, plugin.State);

        plugin.Configure(Hardware);
        Assert.Equal(PluginState.Configured, plugin.State);
        await plugin.ConnectAsync(TestContext.Current.CancellationToken);
        Assert.Equal(PluginState.Connected, plugin.State);
        await plugin.DisconnectAsync(TestContext.Current.CancellationToken);
        Assert.Equal(PluginState.Disconnected, plugin.State);
        await plugin.DisconnectAsync(TestContext.Current.CancellationToken);

        Assert.Equal(PluginState.Disconnected, plugin.State);
        Assert.Equal((1, 1), (plugin.ConnectCalls, plugin.DisconnectCalls));
    }

    [Fact]
    public async Task ConnectAsync_Twice_ThrowsPluginStateException()
    {
        await using var plugin = new FakeDevice();
        plugin.Configure(Hardware);
        await plugin.ConnectAsync(TestContext.Current.CancellationToken);

        var ex = await Assert.ThrowsAsync<PluginStateException>(() => plugin.ConnectAsync(TestContext.Current.CancellationToken).AsTask());

        Assert.Equal(PluginState.Connected, ex.CurrentState);
        Assert.Equal("[fake_device] Expected state 'configured|disconnected|error', got 'connected'", ex.Message);
        Assert.Equal(PluginState.Connected, plugin.State);
    }

    [Fact]
    public async Task ConnectAsync_NotConfigured_ThrowsPluginStateException()
    {
        await using var plugin = new FakeDevice();

        await Assert.ThrowsAsync<PluginStateException>(() => plugin.ConnectAsync(TestContext.Current.CancellationToken).AsTask());
    }

    [Fact]
    public async Task ConnectAsync_DeviceFails_EntersErrorAndThrowsConnectionException()
    {
        await using var plugin = new FakeDevice { ConnectFailure = new IOException("no route to host") };
        plugin.Configure(Hardware);

        var ex = await Assert.ThrowsAsync<PluginConnectionException>(() => plugin.ConnectAsync(TestContext.Current.CancellationToken).AsTask());

        Assert.StartsWith("[fake_device]", ex.Message, StringComparison.Ordinal);
        Assert.IsType<IOException>(ex.InnerException);
        Assert.Equal((PluginState.Error, 1, "no route to host"), (plugin.State, plugin.ErrorCount, plugin.LastError));
        Assert.False(plugin.CheckHealth().IsHealthy);
    }

    [Fact]
    public async Task ConnectAsync_DeviceTimesOut_ThrowsTimeoutException()
    {
        await using var plugin = new FakeDevice { ConnectFailure = new TimeoutException("slow") };
        plugin.Configure(Hardware);

        await Assert.ThrowsAsync<PluginTimeoutException>(() => plugin.ConnectAsync(TestContext.Current.CancellationToken).AsTask());

        Assert.Equal(PluginState.Error, plugin.State);
    }

    [Fact]
    public async Task ConnectAsync_AfterError_ReconnectsAndResetsErrors()
    {
        await using var plugin = new FakeDevice { ConnectFailure = new IOException("down") };
        plugin.Configure(Hardware);
        await Assert.ThrowsAsync<PluginConnectionException>(() => plugin.ConnectAsync(TestContext.Current.CancellationToken).AsTask());
        plugin.ConnectFailure = null;

        await plugin.ConnectAsync(TestContext.Current.CancellationToken);

        Assert.Equal((PluginState.Connected, 0, (string?)null), (plugin.State, plugin.ErrorCount, plugin.LastError));
    }

    [Fact]
    public async Task DemoMode_ConnectAndDisconnect_NeverCallTheHardware()
    {
        await using var plugin = new FakeDevice();
        plugin.Configure(null);

        await plugin.ConnectAsync(TestContext.Current.CancellationToken);
        var value = await plugin.ReadAsync("temp", TestContext.Current.CancellationToken);
        await plugin.WriteAsync("heater", 50, TestContext.Current.CancellationToken);
        await plugin.DisconnectAsync(TestContext.Current.CancellationToken);

        Assert.True(plugin.IsDemoMode);
        Assert.Equal(42, value);
        Assert.Equal((0, 0, 0), (plugin.ConnectCalls, plugin.DisconnectCalls, plugin.ReadCalls));
        Assert.Empty(plugin.Writes);
    }

    [Fact]
    public async Task DisconnectAsync_Connected_WritesSafeValuesClampedAndConvertedFirst()
    {
        await using var plugin = new FakeDevice();
        plugin.Configure(Hardware);
        await plugin.ConnectAsync(TestContext.Current.CancellationToken);

        await plugin.DisconnectAsync(TestContext.Current.CancellationToken);

        // heater: safe 0 → raw 0 / 0.01 = 0; valve: safe 150 clamped to its maximum 100.
        Assert.Equal([("heater", 0.0), ("valve", 100.0)], plugin.Writes);
    }

    [Fact]
    public async Task DisconnectAsync_HardwareFails_NeverThrowsAndEndsDisconnected()
    {
        await using var plugin = new FakeDevice();
        plugin.Configure(Hardware);
        await plugin.ConnectAsync(TestContext.Current.CancellationToken);
        plugin.WriteFailure = new IOException("bus error");
        plugin.DisconnectFailure = new IOException("socket closed");

        await plugin.DisconnectAsync(TestContext.Current.CancellationToken);

        Assert.Equal(PluginState.Disconnected, plugin.State);
        Assert.Equal("socket closed", plugin.LastError);
    }

    [Fact]
    public async Task DisconnectAsync_DemoMode_SafeValuesReadBack()
    {
        await using var plugin = new FakeDevice();
        plugin.Configure(null);
        await plugin.ConnectAsync(TestContext.Current.CancellationToken);
        await plugin.WriteAsync("heater", 80, TestContext.Current.CancellationToken);
        await plugin.WriteAsync("valve", 30, TestContext.Current.CancellationToken);

        await plugin.DisconnectAsync(TestContext.Current.CancellationToken);

        Assert.Equal(0, await plugin.ReadAsync("heater", TestContext.Current.CancellationToken));
        Assert.Equal(100, await plugin.ReadAsync("valve", TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Configure_WhileConnected_ThrowsPluginStateException()
    {
        await using var plugin = new FakeDevice();
        plugin.Configure(null);
        await plugin.ConnectAsync(TestContext.Current.CancellationToken);

        Assert.Throws<PluginStateException>(() => plugin.Configure(null));
    }

    [Fact]
    public async Task CheckHealth_Connected_ReportsHealthyWithCounts()
    {
        await using var plugin = new FakeDevice();
        plugin.Configure("""{"instance_name": "Rig 1", "demo_mode": true}""");
        await plugin.ConnectAsync(TestContext.Current.CancellationToken);

        var report = plugin.CheckHealth();

        Assert.True(report.IsHealthy);
        Assert.Equal(("fake_device", "Rig 1", PluginState.Connected, 4, true, 0), (report.PluginId, report.InstanceName, report.State, report.ChannelCount, report.DemoMode, report.ErrorCount));
    }

    [Theory]
    [InlineData(PluginState.Connected, true)]
    [InlineData(PluginState.Running, true)]
    [InlineData(PluginState.Configured, false)]
    [InlineData(PluginState.Error, false)]
    [InlineData(PluginState.Disconnected, false)]
    public void IsHealthy_ByState_TrueOnlyWhenConnectedOrRunning(PluginState state, bool healthy) =>
        Assert.Equal(healthy, new PluginHealthReport { PluginId = "p", InstanceName = "i", State = state }.IsHealthy);

    [Fact]
    public async Task DisposeAsync_Connected_DisconnectsWithSafeValues()
    {
        var plugin = new FakeDevice();
        plugin.Configure(Hardware);
        await plugin.ConnectAsync(TestContext.Current.CancellationToken);

        await plugin.DisposeAsync();

        Assert.Equal(PluginState.Disconnected, plugin.State);
        Assert.Equal(1, plugin.DisconnectCalls);
        Assert.Contains(("heater", 0.0), plugin.Writes);
    }

    [Fact]
    public void InstanceName_NotGiven_IsTheDescriptorName()
    {
        var plugin = new FakeDevice();
        plugin.Configure("{}");

        Assert.Equal("Fake Device", plugin.InstanceName);
    }
}
