using WebMacs.Plugins.Testing;

namespace WebMacs.Plugins.Modbus.Tests;

public sealed class ModbusPluginConformanceTests
{
    [Fact]
    public async Task VerifyAsync_ExampleRegisterMap_PassesEveryCheck()
    {
        var results = await PluginConformance.VerifyAsync<ModbusPlugin>(
            """{"host": "127.0.0.1", "port": 502, "unit_id": 1, "timeout_ms": 3000}""",
            TestContext.Current.CancellationToken);

        Assert.All(results, r => Assert.True(r.Passed, r.Message));
    }

    [Fact]
    public async Task VerifyAsync_EveryRegisterTypeAndDataType_PassesEveryCheck()
    {
        const string Config = """
            {
              "host": "127.0.0.1",
              "channels": [
                {"id": "pump", "register_type": "coil", "address": 0, "direction": "bidirectional", "unit": "on/off", "safe_value": 0},
                {"id": "door", "register_type": "discrete_input", "address": 1, "unit": "open"},
                {"id": "level", "register_type": "input_register", "address": 10, "data_type": "float32", "unit": "m", "min_value": 0, "max_value": 10},
                {"id": "setpoint", "address": 12, "data_type": "int32", "word_order": "little", "direction": "output", "scale": 0.1, "unit": "°C", "min_value": -50, "max_value": 150, "safe_value": 20},
                {"id": "counter", "address": 26, "data_type": "int64", "unit": "pulses"},
                {"id": "energy", "address": 22, "data_type": "float64", "unit": "kWh", "min_value": 0, "max_value": 1000000}
              ]
            }
            """;

        var results = await PluginConformance.VerifyAsync(() => new ModbusPlugin(), Config, TestContext.Current.CancellationToken);

        Assert.All(results, r => Assert.True(r.Passed, r.Message));
    }
}
