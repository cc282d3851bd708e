namespace WebMacs.Plugins.Tests.Devices;

public sealed class PluginExceptionTests
{
    [Fact]
    public void Message_PluginException_IsPrefixedWithThePluginId()
    {
        var ex = new PluginLoadException("modbus", "No plugin class registered with id 'modbus'");

        Assert.Equal("[modbus] No plugin class registered with id 'modbus'", ex.Message);
        Assert.Equal(("modbus", "No plugin class registered with id 'modbus'"), (ex.PluginId, ex.Detail));
        Assert.IsAssignableFrom<PluginException>(ex);
    }

    [Fact]
    public void Message_StateException_NamesExpectedThenCurrent() =>
        Assert.Equal("[p] Expected state 'connected', got 'disconnected'", new PluginStateException("p", PluginState.Disconnected, "connected").Message);

    [Fact]
    public void Message_ConfigException_NamesTheField()
    {
        var ex = new PluginConfigException("modbus", "port", "must be between 1 and 65535.");

        Assert.Equal(("port", "[modbus] Invalid configuration 'port': must be between 1 and 65535."), (ex.Field, ex.Message));
    }

    [Fact]
    public void ToWire_EveryState_IsLowercase() =>
        Assert.All(Enum.GetValues<PluginState>(), s => Assert.Equal(s.ToString().ToLowerInvariant(), PluginStates.ToWire(s)));
}
