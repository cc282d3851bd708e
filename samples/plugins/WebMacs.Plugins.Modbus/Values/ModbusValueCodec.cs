using System.Buffers.Binary;

namespace WebMacs.Plugins.Modbus;

/// <summary>Turns registers into numbers and back, honouring data type, word order and byte order.</summary>
internal static class ModbusValueCodec
{
    /// <summary>Gets how many registers (or bits, for <see cref="ModbusDataType.Bool"/>) a value of the type occupies.</summary>
    public static int Width(ModbusDataType type) => type switch
    {
        ModbusDataType.Bool or ModbusDataType.Int16 or ModbusDataType.UInt16 => 1,
        ModbusDataType.Int32 or ModbusDataType.UInt32 or ModbusDataType.Float32 => 2,
        ModbusDataType.Int64 or ModbusDataType.UInt64 or ModbusDataType.Float64 => 4,
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, "Unknown Modbus data type."),
    };

    /// <summary>Gets whether the type holds integers (written values are rounded).</summary>
    public static bool IsInteger(ModbusDataType type) => type is not (ModbusDataType.Float32 or ModbusDataType.Float64);

    /// <summary>Gets the smallest and largest raw value of the type.</summary>
    public static (double Min, double Max) Range(ModbusDataType type) => type switch
    {
        ModbusDataType.Bool => (0, 1),
        ModbusDataType.Int16 => (short.MinValue, short.MaxValue),
        ModbusDataType.UInt16 => (0, ushort.MaxValue),
        ModbusDataType.Int32 => (int.MinValue, int.MaxValue),
        ModbusDataType.UInt32 => (0, uint.MaxValue),
        ModbusDataType.Float32 => (float.MinValue, float.MaxValue),
        ModbusDataType.Int64 => (long.MinValue, long.MaxValue),
        ModbusDataType.UInt64 => (0, ulong.MaxValue),
        ModbusDataType.Float64 => (double.MinValue, double.MaxValue),
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, "Unknown Modbus data type."),
    };

    /// <summary>Decodes <see cref="Width"/> registers into a value.</summary>
    public static double Decode(ReadOnlySpan<ushort> registers, ModbusDataType type, ModbusWordOrder wordOrder, ModbusByteOrder byteOrder)
    {
        var width = Width(type);
        Span<byte> bytes = stackalloc byte[8];
        bytes = bytes[..(width * 2)];
        for (var i = 0; i < width; i++)
        {
            var register = registers[wordOrder == ModbusWordOrder.Big ? i : width - 1 - i];
            if (byteOrder == ModbusByteOrder.Little)
            {
                register = BinaryPrimitives.ReverseEndianness(register);
            }

            BinaryPrimitives.WriteUInt16BigEndian(bytes[(2 * i)..], register);
        }

        return type switch
        {
            ModbusDataType.Bool => BinaryPrimitives.ReadUInt16BigEndian(bytes) != 0 ? 1 : 0,
            ModbusDataType.Int16 => BinaryPrimitives.ReadInt16BigEndian(bytes),
            ModbusDataType.UInt16 => BinaryPrimitives.ReadUInt16BigEndian(bytes),
            ModbusDataType.Int32 => BinaryPrimitives.ReadInt32BigEndian(bytes),
            ModbusDataType.UInt32 => BinaryPrimitives.ReadUInt32BigEndian(bytes),
            ModbusDataType.Float32 => BinaryPrimitives.ReadSingleBigEndian(bytes),
            ModbusDataType.Int64 => BinaryPrimitives.ReadInt64BigEndian(bytes),
            ModbusDataType.UInt64 => BinaryPrimitives.ReadUInt64BigEndian(bytes),
            _ => BinaryPrimitives.ReadDoubleBigEndian(bytes),
        };
    }

    /// <summary>Encodes a raw value into <see cref="Width"/> registers; integers are rounded half away from zero.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is not finite or does not fit the type.</exception>
    public static void Encode(double value, Span<ushort> registers, ModbusDataType type, ModbusWordOrder wordOrder, ModbusByteOrder byteOrder)
    {
        if (!double.IsFinite(value))
        {
            throw new ArgumentOutOfRangeException(nameof(value), value, "A Modbus value must be finite.");
        }

        if (IsInteger(type))
        {
            value = Math.Round(value, MidpointRounding.AwayFromZero);
        }

        var (min, max) = Range(type);
        if (value < min || value > max)
        {
            throw new ArgumentOutOfRangeException(nameof(value), value, $"The raw value {value} does not fit {type} ({min}..{max}).");
        }

        var width = Width(type);
        Span<byte> bytes = stackalloc byte[8];
        bytes = bytes[..(width * 2)];
        switch (type)
        {
            case ModbusDataType.Bool: BinaryPrimitives.WriteUInt16BigEndian(bytes, value != 0 ? (ushort)1 : (ushort)0); break;
            case ModbusDataType.Int16: BinaryPrimitives.WriteInt16BigEndian(bytes, (short)value); break;
            case ModbusDataType.UInt16: BinaryPrimitives.WriteUInt16BigEndian(bytes, (ushort)value); break;
            case ModbusDataType.Int32: BinaryPrimitives.WriteInt32BigEndian(bytes, (int)value); break;
            case ModbusDataType.UInt32: BinaryPrimitives.WriteUInt32BigEndian(bytes, (uint)value); break;
            case ModbusDataType.Float32: BinaryPrimitives.WriteSingleBigEndian(bytes, (float)value); break;
            case ModbusDataType.Int64: BinaryPrimitives.WriteInt64BigEndian(bytes, value >= 9.2233720368547758E+18 ? long.MaxValue : (long)value); break;
            case ModbusDataType.UInt64: BinaryPrimitives.WriteUInt64BigEndian(bytes, value >= 1.8446744073709552E+19 ? ulong.MaxValue : (ulong)value); break;
            default: BinaryPrimitives.WriteDoubleBigEndian(bytes, value); break;
        }

        for (var i = 0; i < width; i++)
        {
            var register = BinaryPrimitives.ReadUInt16BigEndian(bytes[(2 * i)..]);
            if (byteOrder == ModbusByteOrder.Little)
            {
                register = BinaryPrimitives.ReverseEndianness(register);
            }

            registers[wordOrder == ModbusWordOrder.Big ? i : width - 1 - i] = register;
        }
    }
}
