namespace WebMacs.Plugins.Tests.Devices;

public sealed class DevicePluginIoTests
{
    private const string Hardware = """{"demo_mode": false}""";

    private static async Task<FakeDevice> ConnectedAsync(string config = Hardware)
    {
        var plugin = new FakeDevice();
        plugin.Configure(config);
        await plugin.ConnectAsync(TestContext.Current.CancellationToken);
        return plugin;
    }

    [Fact]
    public async Task ReadAsync_Hardware_AppliesTheReadConversion()
    {
        await using var plugin = await ConnectedAsync();

        Assert.Equal(180, await plugin.ReadAsync("temp", TestContext.Current.CancellationToken));
        Assert.Equal(20, await plugin.ReadAsync("flow", TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task ReadAsync_UnknownChannel_ThrowsChannelNotFound()
    {
        await using var plugin = await ConnectedAsync();

        var ex = await Assert.ThrowsAsync<ChannelNotFoundException>(() => plugin.ReadAsync("x", TestContext.Current.CancellationToken).AsTask());

        Assert.Equal("[fake_device] Channel 'x' not found", ex.Message);
        Assert.Equal("x", ex.ChannelId);
    }

    [Fact]
    public async Task ReadAsync_DeviceFails_ReturnsNullAndCountsTheError()
    {
        await using var plugin = await ConnectedAsync();
        plugin.ReadFailure = new IOException("crc error");

        var value = await plugin.ReadAsync("temp", TestContext.Current.CancellationToken);

        Assert.Null(value);
        Assert.Equal(1, plugin.ErrorCount);
        Assert.Contains("crc error", plugin.LastError, StringComparison.Ordinal);
        Assert.Equal(PluginState.Connected, plugin.State);
    }

    [Fact]
    public async Task ReadAsync_HardwareNotConnected_ReturnsNullWithoutCallingTheDevice()
    {
        await using var plugin = new FakeDevice();
        plugin.Configure(Hardware);

        Assert.Null(await plugin.ReadAsync("temp", TestContext.Current.CancellationToken));
        Assert.Equal(0, plugin.ReadCalls);
    }

    [Fact]
    public async Task ReadAsync_DemoMode_SkipsTheReadConversion()
    {
        await using var plugin = await ConnectedAsync("{}");

        // The simulation is in engineering units already: 42 °C, not 4.2 (reference §8 item 10).
        Assert.Equal(42, await plugin.ReadAsync("temp", TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task WriteAsync_AboveRange_ClampsThenInvertsTheConversion()
    {
        await using var plugin = await ConnectedAsync();

        await plugin.WriteAsync("heater", 150, TestContext.Current.CancellationToken);
        await plugin.WriteAsync("heater", 50, TestContext.Current.CancellationToken);

        Assert.Equal([("heater", 10000.0), ("heater", 5000.0)], plugin.Writes);
    }

    [Fact]
    public async Task WriteAsync_InputChannel_ThrowsPluginStateException()
    {
        await using var plugin = await ConnectedAsync();

        var ex = await Assert.ThrowsAsync<PluginStateException>(() => plugin.WriteAsync("temp", 1, TestContext.Current.CancellationToken).AsTask());

        Assert.Equal("[fake_device] Channel 'temp' is read-only.", ex.Message);
    }

    [Fact]
    public async Task WriteAsync_HardwareNotConnected_ThrowsPluginStateException()
    {
        await using var plugin = new FakeDevice();
        plugin.Configure(Hardware);

        await Assert.ThrowsAsync<PluginStateException>(() => plugin.WriteAsync("heater", 1, TestContext.Current.CancellationToken).AsTask());
        Assert.Empty(plugin.Writes);
    }

    [Fact]
    public async Task WriteAsync_DeviceFails_CountsAndRethrows()
    {
        await using var plugin = await ConnectedAsync();
        plugin.WriteFailure = new IOException("nak");

        await Assert.ThrowsAsync<IOException>(() => plugin.WriteAsync("heater", 1, TestContext.Current.CancellationToken).AsTask());

        Assert.Equal(1, plugin.ErrorCount);
    }

    [Fact]
    public async Task WriteAsync_NaN_Throws()
    {
        await using var plugin = await ConnectedAsync();

        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => plugin.WriteAsync("heater", double.NaN, TestContext.Current.CancellationToken).AsTask());
    }

    [Fact]
    public async Task ReadInputsAsync_Hardware_ReadsInputsAndBidirectionalInOrder()
    {
        await using var plugin = await ConnectedAsync();
        plugin.Raw["flow"] = null;

        var readings = await plugin.ReadInputsAsync(TestContext.Current.CancellationToken);

        Assert.Equal([new ChannelReading("temp", 180), new ChannelReading("flow", null), new ChannelReading("valve", 7)], readings);
    }

    [Fact]
    public async Task ReadInputsAsync_DeviceFails_GivesNullsAndCountsEachFailure()
    {
        await using var plugin = await ConnectedAsync();
        plugin.ReadFailure = new IOException("gone");

        var readings = await plugin.ReadInputsAsync(TestContext.Current.CancellationToken);

        Assert.All(readings, r => Assert.Null(r.Value));
        Assert.Equal(3, plugin.ErrorCount);
    }

    [Fact]
    public async Task ReadInputsAsync_SerializedIo_ReadsEveryChannel()
    {
        var plugin = new FakeDevice { Serialize = true };
        await using (plugin)
        {
            plugin.Configure(Hardware);
            await plugin.ConnectAsync(TestContext.Current.CancellationToken);

            var all = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => plugin.ReadInputsAsync(TestContext.Current.CancellationToken).AsTask()));

            Assert.All(all, readings => Assert.Equal(180, readings[0].Value));
            Assert.Equal(24, plugin.ReadCalls);
        }
    }

    [Fact]
    public async Task ReadAsync_Cancelled_Throws()
    {
        await using var plugin = await ConnectedAsync();
        plugin.ReadFailure = new OperationCanceledException();
        using var cts = new CancellationTokenSource();
        await cts.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => plugin.ReadAsync("temp", cts.Token).AsTask());
        Assert.Equal(0, plugin.ErrorCount);
    }
}
