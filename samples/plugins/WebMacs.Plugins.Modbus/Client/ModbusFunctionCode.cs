namespace WebMacs.Plugins.Modbus;

/// <summary>
/// Lists the Modbus function codes that <see cref="ModbusTcpClient"/> speaks.
/// </summary>
public enum ModbusFunctionCode : byte
{
    /// <summary>Reads 1–2000 coils (FC 01).</summary>
    ReadCoils = 1,

    /// <summary>Reads 1–2000 discrete inputs (FC 02).</summary>
    ReadDiscreteInputs = 2,

    /// <summary>Reads 1–125 holding registers (FC 03).</summary>
    ReadHoldingRegisters = 3,

    /// <summary>Reads 1–125 input registers (FC 04).</summary>
    ReadInputRegisters = 4,

    /// <summary>Writes one coil (FC 05).</summary>
    WriteSingleCoil = 5,

    /// <summary>Writes one holding register (FC 06).</summary>
    WriteSingleRegister = 6,

    /// <summary>Writes 1–1968 coils (FC 15).</summary>
    WriteMultipleCoils = 15,

    /// <summary>Writes 1–123 holding registers (FC 16).</summary>
    WriteMultipleRegisters = 16,
}
