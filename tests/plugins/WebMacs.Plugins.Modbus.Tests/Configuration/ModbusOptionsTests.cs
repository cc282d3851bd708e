using System.Text.Json.Nodes;

namespace WebMacs.Plugins.Modbus.Tests.Configuration;

public sealed class ModbusOptionsTests
{
    private static ModbusPlugin Configured(string json)
    {
        var plugin = new ModbusPlugin();
        plugin.Configure(json);
        return plugin;
    }

    [Fact]
    public void Configure_NoChannels_ExposesTheExampleRegisterMap()
    {
        var plugin = Configured("{}");

        Assert.Equal(["temperature", "flow_rate", "valve_setpoint"], plugin.ChannelList.Select(c => c.Id));
        Assert.Equal("valve_setpoint", Assert.Single(plugin.ChannelList, c => c.Direction == ChannelDirection.Output).Id);
        Assert.Equal(2, plugin.ChannelList.Count(c => c.Direction == ChannelDirection.Input));
        Assert.Equal("modbus_sensor", plugin.Descriptor.Id);
        Assert.Equal("modbus-tcp", plugin.Descriptor.Protocol);
    }

    [Fact]
    public void Configure_Defaults_MatchTheReference()
    {
        var options = Configured("{}").Options!;

        Assert.Equal("192.168.1.1", options.Host);
        Assert.Equal(502, options.Port);
        Assert.Equal(1, options.UnitId);
        Assert.Equal(3000, options.TimeoutMs);
        Assert.True(options.DemoMode);
    }

    [Fact]
    public void Configure_ExampleValve_ConvertsPercentToRegisterCounts()
    {
        var valve = Configured("{}").Channels["valve_setpoint"];

        Assert.Equal(5000, valve.WriteConversion.Invert(50), 9);
        Assert.Equal(50, valve.ReadConversion.Convert(5000), 9);
        Assert.Equal(180, Configured("{}").Channels["temperature"].ReadConversion.Convert(1800), 9);
    }

    [Theory]
    [InlineData("""{"port": 99999}""", "port")]
    [InlineData("""{"port": 0}""", "port")]
    [InlineData("""{"unit_id": 300}""", "unit_id")]
    [InlineData("""{"timeout_ms": 100}""", "timeout_ms")]
    [InlineData("""{"host": ""}""", "host")]
    [InlineData("""{"max_register_gap": 101}""", "max_register_gap")]
    public void Configure_OutOfBounds_ThrowsNamingTheSetting(string json, string field)
    {
        var ex = Assert.Throws<PluginConfigException>(() => new ModbusPlugin().Configure(json));

        Assert.Equal(field, ex.Field);
    }

    [Theory]
    [InlineData("""[{"id": "a", "address": 1, "data_type": "bool"}]""", "channels[0].data_type")]
    [InlineData("""[{"id": "a", "register_type": "coil", "data_type": "uint16"}]""", "channels[0].data_type")]
    [InlineData("""[{"id": "a", "register_type": "input_register", "direction": "output"}]""", "channels[0].direction")]
    [InlineData("""[{"id": "a", "register_type": "discrete_input", "direction": "bidirectional"}]""", "channels[0].direction")]
    [InlineData("""[{"id": "a"}, {"id": "a", "address": 5}]""", "channels[1].id")]
    [InlineData("""[{"id": "a", "scale": 0}]""", "channels[0].scale")]
    [InlineData("""[{"id": "a", "address": 65535, "data_type": "float32"}]""", "channels[0].address")]
    [InlineData("""[{"id": "a", "address": 70000}]""", "channels[0].address")]
    [InlineData("""[{"address": 3}]""", "channels[0].id")]
    [InlineData("""[{"id": "has space"}]""", "channels[0].id")]
    [InlineData("""[{"id": "a", "unit": ""}]""", "channels[0].unit")]
    [InlineData("""[{"id": "a", "min_value": 5, "max_value": 1}]""", "channels[0].min_value")]
    [InlineData("""[{"id": "a", "data_type": "int128"}]""", "channels[0].data_type")]
    public void Configure_BadChannel_ThrowsNamingTheChannelField(string channels, string field)
    {
        var ex = Assert.Throws<PluginConfigException>(() => new ModbusPlugin().Configure($$"""{"channels": {{channels}}}"""));

        Assert.Equal(field, ex.Field);
    }

    [Fact]
    public void Configure_ChannelSettings_BindFromSnakeCaseJson()
    {
        var plugin = Configured("""
            {"channels": [{"id": "p", "name": "Pressure", "register_type": "input_register", "address": 20,
                           "data_type": "float32", "word_order": "little", "byte_order": "little",
                           "scale": 0.5, "offset": -1, "unit": "bar", "min_value": -1, "max_value": 20}]}
            """);

        var channel = plugin.Options!.Channels[0];
        var descriptor = plugin.Channels["p"];
        Assert.Equal(ModbusRegisterType.InputRegister, channel.RegisterType);
        Assert.Equal(ModbusDataType.Float32, channel.DataType);
        Assert.Equal(ModbusWordOrder.Little, channel.WordOrder);
        Assert.Equal(ModbusByteOrder.Little, channel.ByteOrder);
        Assert.Equal("Pressure", descriptor.Name);
        Assert.Equal("bar", descriptor.Unit);
        Assert.Equal(ChannelDirection.Input, descriptor.Direction);
        Assert.Equal(9, descriptor.ReadConversion.Convert(20), 9);
        Assert.Equal((-1.0, 20.0), (descriptor.MinValue, descriptor.MaxValue));
    }

    [Fact]
    public void Configure_NoBounds_DerivesThemFromDataTypeAndScale()
    {
        var plugin = Configured("""{"channels": [{"id": "t", "data_type": "int16", "scale": 0.1}, {"id": "c", "register_type": "coil", "direction": "output"}]}""");

        Assert.Equal(-3276.8, plugin.Channels["t"].MinValue, 9);
        Assert.Equal(3276.7, plugin.Channels["t"].MaxValue, 9);
        Assert.Equal("float", plugin.Channels["t"].DataType);
        Assert.Equal((0.0, 1.0), (plugin.Channels["c"].MinValue, plugin.Channels["c"].MaxValue));
        Assert.Equal("bool", plugin.Channels["c"].DataType);
    }

    [Fact]
    public void Schema_ModbusOptions_ListsTheConnectionSettingsWithBounds()
    {
        var schema = PluginOptionsSchema.For<ModbusOptions>();
        var properties = schema["properties"]!.AsObject();

        foreach (var name in new[] { "host", "port", "unit_id", "timeout_ms", "channels" })
        {
            Assert.True(properties.ContainsKey(name), name);
        }

        Assert.Equal("65535", properties["port"]!["maximum"]!.ToJsonString());
        Assert.Equal("247", properties["unit_id"]!["maximum"]!.ToJsonString());
        Assert.IsType<JsonObject>(properties["channels"]);
    }

    [Fact]
    public async Task ReadAsync_DemoMode_GivesEngineeringValuesWithoutRescaling()
    {
        await using var plugin = Configured("{}");
        await plugin.ConnectAsync(TestContext.Current.CancellationToken);

        var temperature = await plugin.ReadAsync("temperature", TestContext.Current.CancellationToken);
        var flow = await plugin.ReadAsync("flow_rate", TestContext.Current.CancellationToken);

        // The simulations are centred on 180 °C and 45 L/min; the original divided them by 10 and 100 again.
        Assert.InRange(temperature!.Value, 140, 220);
        Assert.InRange(flow!.Value, 20, 70);
    }
}
