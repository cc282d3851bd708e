using System.Net;
using System.Net.Sockets;
using WebMacs.Plugins.Modbus.Tests.Server;

namespace WebMacs.Plugins.Modbus.Tests.Client;

public sealed class ModbusTcpClientFailureTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ReadHoldingRegistersAsync_ServerNeverAnswers_ThrowsTimeoutNamingTheRequest()
    {
        await using var silent = new SilentTcpServer();
        await using var client = new ModbusTcpClient("127.0.0.1", silent.Port, 1, TimeSpan.FromMilliseconds(200));

        var ex = await Assert.ThrowsAsync<TimeoutException>(async () => await client.ReadHoldingRegistersAsync(7, 1, Ct));

        Assert.Contains("Modbus request 3 (ReadHoldingRegisters) at address 7", ex.Message, StringComparison.Ordinal);
        Assert.Contains("200 ms", ex.Message, StringComparison.Ordinal);
        Assert.False(client.IsConnected);
    }

    [Fact]
    public async Task Request_AfterTimeout_OpensANewConnection()
    {
        await using var silent = new SilentTcpServer();
        await using var client = new ModbusTcpClient("127.0.0.1", silent.Port, 1, TimeSpan.FromMilliseconds(200));

        await Assert.ThrowsAsync<TimeoutException>(async () => await client.ReadCoilsAsync(0, 1, Ct));
        await Assert.ThrowsAsync<TimeoutException>(async () => await client.WriteSingleCoilAsync(0, true, Ct));

        Assert.Equal(2, client.ConnectionCount);
    }

    [Fact]
    public async Task ReadHoldingRegistersAsync_NothingListening_ThrowsIOException()
    {
        var port = FreePort();
        await using var client = new ModbusTcpClient("127.0.0.1", port, 1, TimeSpan.FromSeconds(5));

        var ex = await Assert.ThrowsAsync<IOException>(async () => await client.ReadHoldingRegistersAsync(0, 1, Ct));

        Assert.Contains($"127.0.0.1:{port}", ex.Message, StringComparison.Ordinal);
        Assert.False(client.IsConnected);
    }

    [Fact]
    public async Task ConnectAsync_NothingListening_ThrowsIOException()
    {
        await using var client = new ModbusTcpClient("127.0.0.1", FreePort(), 1, TimeSpan.FromSeconds(5));

        await Assert.ThrowsAsync<IOException>(async () => await client.ConnectAsync(Ct));
    }

    [Fact]
    public async Task ReadHoldingRegistersAsync_CallerCancels_ThrowsOperationCanceledAndDropsConnection()
    {
        await using var silent = new SilentTcpServer();
        await using var client = new ModbusTcpClient("127.0.0.1", silent.Port, 1, TimeSpan.FromSeconds(30));
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        await client.ConnectAsync(Ct);

        var read = client.ReadHoldingRegistersAsync(0, 1, cts.Token).AsTask();
        await cts.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => read);
        Assert.False(client.IsConnected);
    }

    [Fact]
    public async Task ReadHoldingRegistersAsync_StaleResponseFirst_DiscardsItAndReturnsTheMatchingOne()
    {
        await using var scripted = new ScriptedTcpServer(request =>
        {
            var id = ScriptedTcpServer.TransactionId(request);
            return
            [
                ScriptedTcpServer.Frame(unchecked((ushort)(id - 1)), 1, 3, 2, 0x11, 0x11),
                ScriptedTcpServer.Frame(id, 1, 3, 2, 0x12, 0x34),
            ];
        });
        await using var client = new ModbusTcpClient("127.0.0.1", scripted.Port, 1, TimeSpan.FromSeconds(5));

        var registers = await client.ReadHoldingRegistersAsync(0, 1, Ct);

        Assert.Equal([(ushort)0x1234], registers);
    }

    [Fact]
    public async Task ReadHoldingRegistersAsync_WrongByteCount_ThrowsInvalidData()
    {
        await using var scripted = new ScriptedTcpServer(request =>
            [ScriptedTcpServer.Frame(ScriptedTcpServer.TransactionId(request), 1, 3, 2, 0x12, 0x34)]);
        await using var client = new ModbusTcpClient("127.0.0.1", scripted.Port, 1, TimeSpan.FromSeconds(5));

        var ex = await Assert.ThrowsAsync<InvalidDataException>(async () => await client.ReadHoldingRegistersAsync(0, 2, Ct));

        Assert.Contains("function 3", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReadInputRegistersAsync_BadProtocolId_ThrowsInvalidDataAndDropsConnection()
    {
        await using var scripted = new ScriptedTcpServer(request =>
        {
            var frame = ScriptedTcpServer.Frame(ScriptedTcpServer.TransactionId(request), 1, 4, 2, 0, 1);
            frame[3] = 9;
            return [frame];
        });
        await using var client = new ModbusTcpClient("127.0.0.1", scripted.Port, 1, TimeSpan.FromSeconds(5));

        await Assert.ThrowsAsync<InvalidDataException>(async () => await client.ReadInputRegistersAsync(0, 1, Ct));

        Assert.False(client.IsConnected);
    }

    [Fact]
    public async Task WriteSingleRegisterAsync_ResponseFromOtherUnit_ThrowsInvalidData()
    {
        await using var scripted = new ScriptedTcpServer(request =>
            [ScriptedTcpServer.Frame(ScriptedTcpServer.TransactionId(request), 9, request[7..])]);
        await using var client = new ModbusTcpClient("127.0.0.1", scripted.Port, 1, TimeSpan.FromSeconds(5));

        var ex = await Assert.ThrowsAsync<InvalidDataException>(async () => await client.WriteSingleRegisterAsync(4, 5, Ct));

        Assert.Contains("unit 9", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Request_ServerDeviceBusy_ThrowsModbusExceptionWithThatCode()
    {
        await using var scripted = new ScriptedTcpServer(request =>
            [ScriptedTcpServer.Frame(ScriptedTcpServer.TransactionId(request), 1, 0x90, 6)]);
        await using var client = new ModbusTcpClient("127.0.0.1", scripted.Port, 1, TimeSpan.FromSeconds(5));

        var ex = await Assert.ThrowsAsync<ModbusException>(async () => await client.WriteMultipleRegistersAsync(3, new ushort[] { 1, 2 }, Ct));

        Assert.Equal(ModbusExceptionCode.ServerDeviceBusy, ex.ExceptionCode);
        Assert.Equal(ModbusFunctionCode.WriteMultipleRegisters, ex.FunctionCode);
        Assert.Contains("exception 6 (ServerDeviceBusy) for function 16 (WriteMultipleRegisters)", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Request_CarriesUnitIdAndIncrementingTransactionIds()
    {
        var seen = new List<(ushort Id, byte Unit)>();
        await using var scripted = new ScriptedTcpServer(request =>
        {
            lock (seen)
            {
                seen.Add((ScriptedTcpServer.TransactionId(request), request[6]));
            }

            return [ScriptedTcpServer.Frame(ScriptedTcpServer.TransactionId(request), request[6], request[7..])];
        });
        await using var client = new ModbusTcpClient("127.0.0.1", scripted.Port, 17, TimeSpan.FromSeconds(5));

        await client.WriteSingleRegisterAsync(1, 1, Ct);
        await client.WriteSingleCoilAsync(2, true, Ct);

        Assert.Equal([(1, 17), (2, 17)], seen.Select(s => ((int)s.Id, (int)s.Unit)));
    }

    internal static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
