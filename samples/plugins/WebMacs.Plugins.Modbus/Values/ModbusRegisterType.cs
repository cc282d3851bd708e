namespace WebMacs.Plugins.Modbus;

/// <summary>Lists the four Modbus data tables a channel can live in (JSON: <c>coil</c>, <c>discrete_input</c>, …).</summary>
public enum ModbusRegisterType
{
    /// <summary>Selects the holding registers: 16-bit, read/write (FC 03, written with FC 06 or FC 16).</summary>
    HoldingRegister,

    /// <summary>Selects the input registers: 16-bit, read-only (FC 04).</summary>
    InputRegister,

    /// <summary>Selects the coils: 1-bit, read/write (FC 01, written with FC 05 or FC 15).</summary>
    Coil,

    /// <summary>Selects the discrete inputs: 1-bit, read-only (FC 02).</summary>
    DiscreteInput,
}
