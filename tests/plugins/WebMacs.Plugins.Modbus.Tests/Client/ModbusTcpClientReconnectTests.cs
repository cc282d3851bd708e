using WebMacs.Plugins.Modbus.Tests.Server;

namespace WebMacs.Plugins.Modbus.Tests.Client;

public sealed class ModbusTcpClientReconnectTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Read_ServerKilledThenRestarted_FailsWhileDownAndSucceedsAfterRestart()
    {
        SkipWithoutPymodbus();
        var server = await ModbusServerProcess.StartAsync();
        var port = server.Port;
        await using var client = new ModbusTcpClient("127.0.0.1", port, 1, TimeSpan.FromSeconds(5));
        Assert.Equal(TestServerData.Holding0To3, await client.ReadHoldingRegistersAsync(0, 4, Ct));

        await server.DisposeAsync();
        await Assert.ThrowsAsync<IOException>(async () => await client.ReadHoldingRegistersAsync(0, 4, Ct));
        Assert.False(client.IsConnected);

        await using var restarted = await ModbusServerProcess.StartAsync(port);
        var afterRestart = await client.ReadHoldingRegistersAsync(0, 4, Ct);

        Assert.Equal(TestServerData.Holding0To3, afterRestart);
        Assert.Equal(2, client.ConnectionCount);
    }

    [Fact]
    public async Task Read_ServerRestartedBetweenRequests_RetriesOnANewConnectionWithoutError()
    {
        SkipWithoutPymodbus();
        var server = await ModbusServerProcess.StartAsync();
        var port = server.Port;
        await using var client = new ModbusTcpClient("127.0.0.1", port, 1, TimeSpan.FromSeconds(5));
        await client.ReadInputRegistersAsync(0, 1, Ct);

        await server.DisposeAsync();
        await using var restarted = await ModbusServerProcess.StartAsync(port);
        var registers = await client.ReadInputRegistersAsync(0, 5, Ct);

        Assert.Equal(TestServerData.Input0To4, registers);
        Assert.Equal(2, client.ConnectionCount);
    }

    [Fact]
    public async Task Write_ServerRestartedBetweenRequests_FailsOnceThenSucceeds()
    {
        SkipWithoutPymodbus();
        var server = await ModbusServerProcess.StartAsync();
        var port = server.Port;
        await using var client = new ModbusTcpClient("127.0.0.1", port, 1, TimeSpan.FromSeconds(5));
        await client.WriteSingleRegisterAsync(170, 1, Ct);

        await server.DisposeAsync();
        await using var restarted = await ModbusServerProcess.StartAsync(port);
        await Assert.ThrowsAsync<IOException>(async () => await client.WriteSingleRegisterAsync(170, 2, Ct));
        await client.WriteSingleRegisterAsync(170, 3, Ct);

        Assert.Equal(new ushort[] { 3 }, await client.ReadHoldingRegistersAsync(170, 1, Ct));
    }

    internal static void SkipWithoutPymodbus()
    {
        var python = PythonLocator.Find();
        if (python.Executable is null)
        {
            Assert.Skip(python.Reason);
        }
    }
}
