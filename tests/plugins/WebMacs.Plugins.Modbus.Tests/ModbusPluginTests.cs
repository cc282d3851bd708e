using WebMacs.Plugins.Modbus.Tests.Server;

namespace WebMacs.Plugins.Modbus.Tests;

public sealed class ModbusPluginTests(ModbusServerFixture server) : IClassFixture<ModbusServerFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private const string AllTypesChannels = """
        [
          {"id": "i16", "address": 10, "data_type": "int16"},
          {"id": "u16", "address": 11, "data_type": "uint16"},
          {"id": "i32_big", "address": 12, "data_type": "int32"},
          {"id": "i32_little", "address": 14, "data_type": "int32", "word_order": "little"},
          {"id": "u32", "address": 16, "data_type": "uint32"},
          {"id": "f32_big", "address": 18, "data_type": "float32"},
          {"id": "f32_little", "address": 20, "data_type": "float32", "word_order": "little"},
          {"id": "f64", "address": 22, "data_type": "float64"},
          {"id": "i64", "address": 26, "data_type": "int64"},
          {"id": "f32_swapped", "address": 30, "data_type": "float32", "byte_order": "little"},
          {"id": "ir_f32", "register_type": "input_register", "address": 10, "data_type": "float32"},
          {"id": "ir_0", "register_type": "input_register", "address": 0},
          {"id": "coil_0", "register_type": "coil", "address": 0},
          {"id": "coil_1", "register_type": "coil", "address": 1},
          {"id": "di_1", "register_type": "discrete_input", "address": 1},
          {"id": "di_3", "register_type": "discrete_input", "address": 3}
        ]
        """;

    private async Task<ModbusPlugin> ConnectedAsync(string extra = "")
    {
        var plugin = new ModbusPlugin();
        plugin.Configure($$"""{"demo_mode": false, "host": "127.0.0.1", "port": {{server.Port}}, "timeout_ms": 5000{{extra}}}""");
        await plugin.ConnectAsync(Ct);
        return plugin;
    }

    [Fact]
    public async Task ReadAsync_ExampleMap_ScalesRegisterCounts()
    {
        await using var plugin = await ConnectedAsync();

        Assert.Equal(180.5, (await plugin.ReadAsync("temperature", Ct))!.Value, 9);
        Assert.Equal(45.12, (await plugin.ReadAsync("flow_rate", Ct))!.Value, 9);
        Assert.Equal(50, (await plugin.ReadAsync("valve_setpoint", Ct))!.Value, 9);
        Assert.Equal(PluginState.Connected, plugin.State);
        Assert.Equal(0, plugin.ErrorCount);
    }

    [Fact]
    public async Task ReadInputsAsync_EveryDataTypeAndOrder_DecodesServerValues()
    {
        await using var plugin = await ConnectedAsync($", \"channels\": {AllTypesChannels}");

        var values = (await plugin.ReadInputsAsync(Ct)).ToDictionary(r => r.ChannelId, r => r.Value);

        Assert.Equal(-1234, values["i16"]);
        Assert.Equal(54321, values["u16"]);
        Assert.Equal(-123456789, values["i32_big"]);
        Assert.Equal(-123456789, values["i32_little"]);
        Assert.Equal(3000000000, values["u32"]);
        Assert.Equal(123.456f, (float)values["f32_big"]!.Value);
        Assert.Equal(123.456f, (float)values["f32_little"]!.Value);
        Assert.Equal(-9876.54321, values["f64"]);
        Assert.Equal(-1234567890123, values["i64"]);
        Assert.Equal(123.456f, (float)values["f32_swapped"]!.Value);
        Assert.Equal(-40.25, values["ir_f32"]);
        Assert.Equal(100, values["ir_0"]);
        Assert.Equal(1, values["coil_0"]);
        Assert.Equal(0, values["coil_1"]);
        Assert.Equal(1, values["di_1"]);
        Assert.Equal(0, values["di_3"]);
        Assert.Equal(0, plugin.ErrorCount);
    }

    [Fact]
    public async Task ReadInputsAsync_AdjacentRegisters_ReadsEachTableInOneRequest()
    {
        await using var plugin = await ConnectedAsync($", \"channels\": {AllTypesChannels}");
        var before = plugin.Connection!.RequestCount;

        await plugin.ReadInputsAsync(Ct);

        // Holding 10..31, input registers 0 and 10..11 (two blocks: not adjacent), coils 0..1, discrete inputs 1 and 3 (two).
        Assert.Equal(6, plugin.Connection.RequestCount - before);
    }

    [Fact]
    public async Task ReadInputsAsync_GapAllowed_SpansTheGapInOneRequest()
    {
        await using var narrow = await ConnectedAsync();
        await using var wide = await ConnectedAsync(", \"max_register_gap\": 1");
        var narrowBefore = narrow.Connection!.RequestCount;
        var wideBefore = wide.Connection!.RequestCount;

        var narrowValues = await narrow.ReadInputsAsync(Ct);
        var wideValues = await wide.ReadInputsAsync(Ct);

        Assert.Equal(2, narrow.Connection.RequestCount - narrowBefore);
        Assert.Equal(1, wide.Connection.RequestCount - wideBefore);
        Assert.Equal(narrowValues, wideValues);
        Assert.Equal([180.5, 45.12], wideValues.Select(r => Math.Round(r.Value!.Value, 9)));
    }

    [Fact]
    public async Task ReadInputsAsync_OneBlockRefused_ReadsTheOthersAndCountsTheError()
    {
        await using var plugin = await ConnectedAsync("""
            , "channels": [
                {"id": "good", "address": 0},
                {"id": "beyond", "address": 299, "data_type": "uint32"},
                {"id": "input", "register_type": "input_register", "address": 1}
            ]
            """);

        var values = (await plugin.ReadInputsAsync(Ct)).ToDictionary(r => r.ChannelId, r => r.Value);

        Assert.Equal(1, values["good"]);
        Assert.Null(values["beyond"]);
        Assert.Equal(200, values["input"]);
        Assert.Equal(1, plugin.ErrorCount);
        Assert.Contains("beyond", plugin.LastError, StringComparison.Ordinal);
        Assert.Contains("IllegalDataAddress", plugin.LastError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReadAsync_UnmappedAddress_ReturnsNullAndRecordsTheModbusException()
    {
        await using var plugin = await ConnectedAsync(""", "channels": [{"id": "far", "register_type": "input_register", "address": 5000}]""");

        var value = await plugin.ReadAsync("far", Ct);

        Assert.Null(value);
        Assert.Equal(1, plugin.ErrorCount);
        Assert.Contains("function 4 (ReadInputRegisters)", plugin.LastError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WriteAsync_ScaledSingleRegister_WritesRawCountsWithFc6()
    {
        await using var plugin = await ConnectedAsync(""", "channels": [{"id": "valve", "address": 180, "direction": "output", "scale": 0.01, "unit": "%", "min_value": 0, "max_value": 100}]""");
        await using var client = server.CreateClient();

        await plugin.WriteAsync("valve", 37.5, Ct);
        var written = await client.ReadHoldingRegistersAsync(180, 1, Ct);
        await plugin.WriteAsync("valve", 150, Ct);
        var clamped = await client.ReadHoldingRegistersAsync(180, 1, Ct);

        Assert.Equal([(ushort)3750], written);
        Assert.Equal([(ushort)10000], clamped);
    }

    [Fact]
    public async Task WriteAsync_MultiRegisterValues_WritesWordsInConfiguredOrderWithFc16()
    {
        await using var plugin = await ConnectedAsync("""
            , "channels": [
                {"id": "f", "address": 182, "data_type": "float32", "word_order": "little", "direction": "bidirectional", "unit": "x", "min_value": -1000, "max_value": 1000},
                {"id": "i", "address": 184, "data_type": "int32", "direction": "output", "offset": -100, "unit": "x", "min_value": -100000, "max_value": 100000}
            ]
            """);
        await using var client = server.CreateClient();

        await plugin.WriteAsync("f", -40.25, Ct);
        await plugin.WriteAsync("i", 65436, Ct);

        Assert.Equal(new ushort[] { 0x0000, 0xC221 }, await client.ReadHoldingRegistersAsync(182, 2, Ct));
        Assert.Equal(new ushort[] { 0x0001, 0x0000 }, await client.ReadHoldingRegistersAsync(184, 2, Ct));
        Assert.Equal(-40.25, await plugin.ReadAsync("f", Ct));
    }

    [Theory]
    [InlineData(false, 72)]
    [InlineData(true, 73)]
    public async Task WriteAsync_Coil_SetsAndClearsTheCoil(bool multipleWrites, ushort address)
    {
        await using var plugin = await ConnectedAsync(
            $$""", "use_multiple_write_functions": {{(multipleWrites ? "true" : "false")}}, "channels": [{"id": "pump", "register_type": "coil", "address": {{address}}, "direction": "output", "unit": "on"}]""");
        await using var client = server.CreateClient();

        await plugin.WriteAsync("pump", 1, Ct);
        var on = await client.ReadCoilsAsync(address, 1, Ct);
        await plugin.WriteAsync("pump", 0, Ct);
        var off = await client.ReadCoilsAsync(address, 1, Ct);

        Assert.True(on[0]);
        Assert.False(off[0]);
    }

    [Fact]
    public async Task WriteAsync_MultipleWriteFunctions_WritesSingleRegisterWithFc16()
    {
        await using var plugin = await ConnectedAsync(""", "use_multiple_write_functions": true, "channels": [{"id": "r", "address": 186, "direction": "output", "unit": "x", "max_value": 1000}]""");
        await using var client = server.CreateClient();

        await plugin.WriteAsync("r", 321, Ct);

        Assert.Equal(new ushort[] { 321 }, await client.ReadHoldingRegistersAsync(186, 1, Ct));
    }

    [Fact]
    public async Task DisconnectAsync_OutputWithSafeValue_WritesTheSafeValue()
    {
        var plugin = await ConnectedAsync(""", "channels": [{"id": "heater", "address": 188, "direction": "output", "scale": 0.1, "unit": "%", "min_value": 0, "max_value": 100, "safe_value": 5}]""");
        await using var client = server.CreateClient();
        await plugin.WriteAsync("heater", 80, Ct);
        var running = await client.ReadHoldingRegistersAsync(188, 1, Ct);

        await plugin.DisconnectAsync(Ct);
        await plugin.DisposeAsync();

        Assert.Equal([(ushort)800], running);
        Assert.Equal(new ushort[] { 50 }, await client.ReadHoldingRegistersAsync(188, 1, Ct));
        Assert.Equal(PluginState.Disconnected, plugin.State);
    }

    [Fact]
    public async Task WriteAsync_ValueBeyondTheDataType_ThrowsAndCountsTheError()
    {
        await using var plugin = await ConnectedAsync(""", "channels": [{"id": "r", "address": 187, "direction": "output", "unit": "x", "min_value": 0, "max_value": 100000}]""");

        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(async () => await plugin.WriteAsync("r", 70000, Ct));

        Assert.Equal(1, plugin.ErrorCount);
        Assert.Contains("UInt16", plugin.LastError, StringComparison.Ordinal);
    }
}
