using WebMacs.Plugins.Modbus.Tests.Client;
using WebMacs.Plugins.Modbus.Tests.Server;

namespace WebMacs.Plugins.Modbus.Tests;

public sealed class ModbusPluginFailureTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static ModbusPlugin Configure(int port, string extra = "")
    {
        var plugin = new ModbusPlugin();
        plugin.Configure($$"""{"demo_mode": false, "host": "127.0.0.1", "port": {{port}}, "timeout_ms": 500{{extra}}}""");
        return plugin;
    }

    [Fact]
    public async Task ConnectAsync_NothingListening_ThrowsConnectionExceptionAndEntersError()
    {
        await using var plugin = Configure(ModbusTcpClientFailureTests.FreePort());

        var ex = await Assert.ThrowsAsync<PluginConnectionException>(async () => await plugin.ConnectAsync(Ct));

        Assert.StartsWith("[modbus_sensor]", ex.Message, StringComparison.Ordinal);
        Assert.Equal(PluginState.Error, plugin.State);
        Assert.Equal(1, plugin.ErrorCount);
    }

    [Fact]
    public async Task ReadInputsAsync_DeviceNeverAnswers_GivesNullsAndRecordsTheTimeout()
    {
        await using var silent = new SilentTcpServer();
        await using var plugin = Configure(silent.Port);
        await plugin.ConnectAsync(Ct);

        var readings = await plugin.ReadInputsAsync(Ct);

        Assert.All(readings, r => Assert.Null(r.Value));
        Assert.Equal(1, plugin.ErrorCount);
        Assert.Contains("timed out after 500 ms", plugin.LastError, StringComparison.Ordinal);
        Assert.Equal(PluginState.Connected, plugin.State);
    }

    [Fact]
    public async Task WriteAsync_DeviceNeverAnswers_ThrowsPluginTimeoutException()
    {
        await using var silent = new SilentTcpServer();
        await using var plugin = Configure(silent.Port);
        await plugin.ConnectAsync(Ct);

        var ex = await Assert.ThrowsAsync<PluginTimeoutException>(async () => await plugin.WriteAsync("valve_setpoint", 10, Ct));

        Assert.Contains("WriteSingleRegister", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReadInputsAsync_ServerKilledThenRestarted_RecoversWithoutReconnectCall()
    {
        ModbusTcpClientReconnectTests.SkipWithoutPymodbus();
        var server = await ModbusServerProcess.StartAsync();
        var port = server.Port;
        await using var plugin = Configure(port);
        await plugin.ConnectAsync(Ct);
        var before = await plugin.ReadInputsAsync(Ct);

        await server.DisposeAsync();
        var whileDown = await plugin.ReadInputsAsync(Ct);
        await using var restarted = await ModbusServerProcess.StartAsync(port);
        var after = await plugin.ReadInputsAsync(Ct);

        Assert.All(before, r => Assert.NotNull(r.Value));
        Assert.All(whileDown, r => Assert.Null(r.Value));
        Assert.Equal(before, after);
        Assert.Equal(PluginState.Connected, plugin.State);
        Assert.True(plugin.ErrorCount >= 1);
    }
}
