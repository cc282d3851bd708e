namespace WebMacs.Plugins.Modbus;

/// <summary>Where one channel's value lives on the device and how it is encoded.</summary>
internal sealed record ModbusPoint(
    string ChannelId,
    ModbusRegisterType RegisterType,
    ushort Address,
    ModbusDataType DataType,
    ModbusWordOrder WordOrder,
    ModbusByteOrder ByteOrder)
{
    /// <summary>Gets how many registers (or bits) the value occupies.</summary>
    public int Width => ModbusValueCodec.Width(DataType);

    /// <summary>Gets whether the point is a coil or a discrete input.</summary>
    public bool IsBit => RegisterType is ModbusRegisterType.Coil or ModbusRegisterType.DiscreteInput;
}
