using WebMacs.Plugins.Modbus.Tests.Server;

namespace WebMacs.Plugins.Modbus.Tests.Client;

public sealed class ModbusTcpClientTests(ModbusServerFixture server) : IClassFixture<ModbusServerFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ReadCoilsAsync_KnownCoils_ReturnsServerStates()
    {
        await using var client = server.CreateClient();

        var coils = await client.ReadCoilsAsync(0, 8, Ct);

        Assert.Equal(TestServerData.Coils0To7, coils);
    }

    [Fact]
    public async Task ReadCoilsAsync_CountNotMultipleOfEight_UnpacksEveryBit()
    {
        await using var client = server.CreateClient();

        var coils = await client.ReadCoilsAsync(2, 5, Ct);

        Assert.Equal(TestServerData.Coils0To7[2..7], coils);
    }

    [Fact]
    public async Task ReadDiscreteInputsAsync_KnownInputs_ReturnsServerStates()
    {
        await using var client = server.CreateClient();

        var inputs = await client.ReadDiscreteInputsAsync(0, 10, Ct);

        Assert.Equal(TestServerData.DiscreteInputs0To9, inputs);
    }

    [Fact]
    public async Task ReadHoldingRegistersAsync_KnownRegisters_ReturnsServerValues()
    {
        await using var client = server.CreateClient();

        var registers = await client.ReadHoldingRegistersAsync(0, 4, Ct);

        Assert.Equal(TestServerData.Holding0To3, registers);
    }

    [Fact]
    public async Task ReadHoldingRegistersAsync_MaximumCount_ReturnsAll125()
    {
        await using var client = server.CreateClient();

        var registers = await client.ReadHoldingRegistersAsync(0, ModbusTcpClient.MaxReadRegisters, Ct);

        Assert.Equal(125, registers.Length);
        Assert.Equal((ushort)1805, registers[TestServerData.TemperatureAddress]);
    }

    [Fact]
    public async Task ReadInputRegistersAsync_KnownRegisters_ReturnsServerValues()
    {
        await using var client = server.CreateClient();

        var registers = await client.ReadInputRegistersAsync(0, 5, Ct);

        Assert.Equal(TestServerData.Input0To4, registers);
    }

    [Fact]
    public async Task WriteSingleCoilAsync_OnThenOff_ReadsBackEachState()
    {
        await using var client = server.CreateClient();

        await client.WriteSingleCoilAsync(50, true, Ct);
        var afterOn = await client.ReadCoilsAsync(50, 1, Ct);
        await client.WriteSingleCoilAsync(50, false, Ct);
        var afterOff = await client.ReadCoilsAsync(50, 1, Ct);

        Assert.True(afterOn[0]);
        Assert.False(afterOff[0]);
    }

    [Fact]
    public async Task WriteSingleRegisterAsync_Value_ReadsBackValue()
    {
        await using var client = server.CreateClient();

        await client.WriteSingleRegisterAsync(150, 0xBEEF, Ct);

        Assert.Equal(new ushort[] { 0xBEEF }, await client.ReadHoldingRegistersAsync(150, 1, Ct));
    }

    [Fact]
    public async Task WriteMultipleCoilsAsync_TenCoils_ReadsBackPattern()
    {
        await using var client = server.CreateClient();
        bool[] pattern = [true, true, false, true, false, false, true, false, true, true];

        await client.WriteMultipleCoilsAsync(60, pattern, Ct);

        Assert.Equal(pattern, await client.ReadCoilsAsync(60, pattern.Length, Ct));
    }

    [Fact]
    public async Task WriteMultipleRegistersAsync_FiveRegisters_ReadsBackValues()
    {
        await using var client = server.CreateClient();
        ushort[] values = [0, 1, 0x7FFF, 0x8000, 0xFFFF];

        await client.WriteMultipleRegistersAsync(160, values, Ct);

        Assert.Equal(values, await client.ReadHoldingRegistersAsync(160, values.Length, Ct));
    }

    [Fact]
    public async Task ReadHoldingRegistersAsync_PastEndOfData_ThrowsIllegalDataAddressNamingFunction()
    {
        await using var client = server.CreateClient();

        var ex = await Assert.ThrowsAsync<ModbusException>(
            async () => await client.ReadHoldingRegistersAsync(TestServerData.HoldingRegisterCount - 1, 2, Ct));

        Assert.Equal(ModbusFunctionCode.ReadHoldingRegisters, ex.FunctionCode);
        Assert.Equal(ModbusExceptionCode.IllegalDataAddress, ex.ExceptionCode);
        Assert.Contains("function 3 (ReadHoldingRegisters)", ex.Message, StringComparison.Ordinal);
        Assert.Contains("exception 2 (IllegalDataAddress)", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(ModbusFunctionCode.ReadCoils)]
    [InlineData(ModbusFunctionCode.ReadDiscreteInputs)]
    [InlineData(ModbusFunctionCode.ReadInputRegisters)]
    [InlineData(ModbusFunctionCode.WriteSingleCoil)]
    [InlineData(ModbusFunctionCode.WriteSingleRegister)]
    [InlineData(ModbusFunctionCode.WriteMultipleCoils)]
    [InlineData(ModbusFunctionCode.WriteMultipleRegisters)]
    public async Task Request_UnmappedAddress_ThrowsIllegalDataAddressForThatFunction(ModbusFunctionCode function)
    {
        await using var client = server.CreateClient();
        const ushort Unmapped = 1000;

        var ex = await Assert.ThrowsAsync<ModbusException>(async () =>
        {
            switch (function)
            {
                case ModbusFunctionCode.ReadCoils: await client.ReadCoilsAsync(Unmapped, 1, Ct); break;
                case ModbusFunctionCode.ReadDiscreteInputs: await client.ReadDiscreteInputsAsync(Unmapped, 1, Ct); break;
                case ModbusFunctionCode.ReadInputRegisters: await client.ReadInputRegistersAsync(Unmapped, 1, Ct); break;
                case ModbusFunctionCode.WriteSingleCoil: await client.WriteSingleCoilAsync(Unmapped, true, Ct); break;
                case ModbusFunctionCode.WriteSingleRegister: await client.WriteSingleRegisterAsync(Unmapped, 1, Ct); break;
                case ModbusFunctionCode.WriteMultipleCoils: await client.WriteMultipleCoilsAsync(Unmapped, new[] { true }, Ct); break;
                default: await client.WriteMultipleRegistersAsync(Unmapped, new ushort[] { 1 }, Ct); break;
            }
        });

        Assert.Equal(function, ex.FunctionCode);
        Assert.Equal(ModbusExceptionCode.IllegalDataAddress, ex.ExceptionCode);
        Assert.Equal(Unmapped, ex.Address);
    }

    [Fact]
    public async Task ExceptionResponse_ThenRead_ReusesTheSameConnection()
    {
        await using var client = server.CreateClient();

        await Assert.ThrowsAsync<ModbusException>(async () => await client.ReadInputRegistersAsync(5000, 1, Ct));
        var registers = await client.ReadInputRegistersAsync(0, 1, Ct);

        Assert.Equal(TestServerData.Input0To4[0], registers[0]);
        Assert.True(client.IsConnected);
        Assert.Equal(1, client.ConnectionCount);
    }

    [Fact]
    public async Task ReadHoldingRegistersAsync_ConcurrentCallers_EachGetsItsOwnAnswer()
    {
        await using var client = server.CreateClient();

        var reads = Enumerable.Range(0, 4)
            .Select(i => client.ReadHoldingRegistersAsync((ushort)i, 1, Ct).AsTask())
            .ToArray();
        var results = await Task.WhenAll(reads);

        Assert.Equal(TestServerData.Holding0To3, results.Select(r => r[0]));
    }

    [Fact]
    public async Task ConnectAsync_Twice_OpensOneConnection()
    {
        await using var client = server.CreateClient();

        await client.ConnectAsync(Ct);
        await client.ConnectAsync(Ct);

        Assert.True(client.IsConnected);
        Assert.Equal(1, client.ConnectionCount);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(126)]
    public async Task ReadHoldingRegistersAsync_CountOutOfRange_ThrowsBeforeSending(int count)
    {
        await using var client = new ModbusTcpClient("127.0.0.1", 1);

        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(async () => await client.ReadHoldingRegistersAsync(0, count, Ct));
        Assert.Equal(0, client.ConnectionCount);
    }

    [Fact]
    public async Task ReadCoilsAsync_RangePastLastAddress_ThrowsBeforeSending()
    {
        await using var client = new ModbusTcpClient("127.0.0.1", 1);

        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(async () => await client.ReadCoilsAsync(ushort.MaxValue, 2, Ct));
    }
}
