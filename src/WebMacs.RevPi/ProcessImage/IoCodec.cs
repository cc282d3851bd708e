using System.Buffers.Binary;
using System.Globalization;

namespace WebMacs.RevPi;

/// <summary>Decodes and encodes an I/O's value from and to its bytes (little-endian; bits by position).</summary>
internal static class IoCodec
{
    /// <summary>Decodes the value of <paramref name="io"/> from <paramref name="bytes"/>, which start at the I/O's offset.</summary>
    public static double Decode(PiCtoryIo io, ReadOnlySpan<byte> bytes) => io.Type switch
    {
        PiCtoryIoType.Bit => (bytes[0] >> io.Bit!.Value) & 1,
        PiCtoryIoType.Byte => io.IsSigned ? (sbyte)bytes[0] : bytes[0],
        PiCtoryIoType.Word => io.IsSigned ? BinaryPrimitives.ReadInt16LittleEndian(bytes) : BinaryPrimitives.ReadUInt16LittleEndian(bytes),
        PiCtoryIoType.DoubleWord => io.IsSigned ? BinaryPrimitives.ReadInt32LittleEndian(bytes) : BinaryPrimitives.ReadUInt32LittleEndian(bytes),
        _ => throw NotNumeric(io),
    };

    /// <summary>
    /// Encodes <paramref name="value"/> into <paramref name="bytes"/> (the I/O's current bytes). A bit changes only its
    /// own bit; other values are rounded to the nearest integer and must fit the I/O's range.
    /// </summary>
    public static void Encode(PiCtoryIo io, double value, Span<byte> bytes)
    {
        if (!double.IsFinite(value))
        {
            throw new ArgumentOutOfRangeException(nameof(value), value, $"I/O '{io.Name}' cannot take {value}.");
        }

        if (io.Type == PiCtoryIoType.Bit)
        {
            var mask = (byte)(1 << io.Bit!.Value);
            bytes[0] = value != 0 ? (byte)(bytes[0] | mask) : (byte)(bytes[0] & ~mask);
            return;
        }

        if (io.Type == PiCtoryIoType.Block)
        {
            throw NotNumeric(io);
        }

        var rounded = Math.Round(value, MidpointRounding.AwayFromZero);
        if (rounded < io.MinValue || rounded > io.MaxValue)
        {
            throw new ArgumentOutOfRangeException(
                nameof(value),
                value,
                string.Create(CultureInfo.InvariantCulture, $"I/O '{io.Name}' holds {io.MinValue} to {io.MaxValue}; {value} does not fit."));
        }

        var integer = (long)rounded;
        switch (io.Type)
        {
            case PiCtoryIoType.Byte:
                bytes[0] = unchecked((byte)integer);
                break;
            case PiCtoryIoType.Word:
                BinaryPrimitives.WriteUInt16LittleEndian(bytes, unchecked((ushort)integer));
                break;
            default:
                BinaryPrimitives.WriteUInt32LittleEndian(bytes, unchecked((uint)integer));
                break;
        }
    }

    private static InvalidOperationException NotNumeric(PiCtoryIo io) =>
        new($"I/O '{io.Name}' is a {io.BitLength}-bit block without a numeric value; read or write its bytes instead.");
}
