namespace WebMacs.Plugins.Modbus;

/// <summary>
/// The register map of the original Modbus example (reference §5.5), used when an instance configures no channels.
/// The simulations are in engineering units (the original ran them through the read conversion, giving 18 °C for
/// a 180 °C signal; §8 item 10).
/// </summary>
internal static class ModbusExampleChannels
{
    public static IReadOnlyList<(ModbusChannelOptions Options, SimulationSpec Simulation)> All { get; } =
    [
        (new ModbusChannelOptions
        {
            Id = "temperature",
            Name = "Process Temperature",
            RegisterType = ModbusRegisterType.HoldingRegister,
            Address = 100,
            DataType = ModbusDataType.UInt16,
            Scale = 0.1,
            Unit = "°C",
            MinValue = 0,
            MaxValue = 500,
        }, new SimulationSpec { Profile = SimulationProfile.SineWave, BaseValue = 180, Amplitude = 30, PeriodSeconds = 120, Noise = 0.5 }),
        (new ModbusChannelOptions
        {
            Id = "flow_rate",
            Name = "Flow Rate",
            RegisterType = ModbusRegisterType.HoldingRegister,
            Address = 102,
            DataType = ModbusDataType.UInt16,
            Scale = 0.01,
            Unit = "L/min",
            MinValue = 0,
            MaxValue = 100,
        }, new SimulationSpec { Profile = SimulationProfile.RandomWalk, BaseValue = 45, Amplitude = 10, Noise = 0.3 }),
        (new ModbusChannelOptions
        {
            Id = "valve_setpoint",
            Name = "Valve Setpoint",
            RegisterType = ModbusRegisterType.HoldingRegister,
            Address = 200,
            DataType = ModbusDataType.UInt16,
            Direction = ChannelDirection.Output,
            Scale = 0.01,
            Unit = "%",
            MinValue = 0,
            MaxValue = 100,
        }, new SimulationSpec { Profile = SimulationProfile.SineWave, BaseValue = 50, Amplitude = 20, PeriodSeconds = 60 }),
    ];
}
