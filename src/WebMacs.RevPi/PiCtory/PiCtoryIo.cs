namespace WebMacs.RevPi;

/// <summary>
/// Describes one named I/O of a piCtory configuration, mapped to its place in the process image: the absolute byte
/// (device offset + the I/O's byte offset, plus whole bytes of a bit address above 7), the bit in that byte for 1-bit
/// I/Os, and the width. Multi-byte values are little-endian.
/// </summary>
public sealed record PiCtoryIo
{
    /// <summary>Gets the I/O name, unique in the configuration (piCtory's first field).</summary>
    public required string Name { get; init; }

    /// <summary>Gets the name of the device the I/O belongs to.</summary>
    public required string DeviceName { get; init; }

    /// <summary>Gets the section the I/O comes from: input, output or memory.</summary>
    public required PiCtoryIoDirection Direction { get; init; }

    /// <summary>Gets the width of the I/O.</summary>
    public required PiCtoryIoType Type { get; init; }

    /// <summary>Gets the width in bits as piCtory writes it (1, 8, 16, 32, or a wider multiple of 8 for a block).</summary>
    public required int BitLength { get; init; }

    /// <summary>Gets the absolute byte offset of the I/O in the process image.</summary>
    public required int Offset { get; init; }

    /// <summary>Gets the bit position (0–7) in the byte at <see cref="Offset"/> for a 1-bit I/O; otherwise <see langword="null"/>.</summary>
    public int? Bit { get; init; }

    /// <summary>Gets whether the value is read and written as a two's-complement signed number (bytes, words and double words only).</summary>
    public bool IsSigned { get; init; }

    /// <summary>Gets the default value piCtory gives the I/O, as a number (0 when the default is empty or not a number).</summary>
    public double DefaultValue { get; init; }

    /// <summary>Gets the default value exactly as piCtory writes it, or <see langword="null"/> when it is empty.</summary>
    public string? DefaultText { get; init; }

    /// <summary>Gets the piCtory comment of the I/O, or <see langword="null"/> when it has none.</summary>
    public string? Comment { get; init; }

    /// <summary>Gets whether the I/O is marked for export in piCtory.</summary>
    public bool IsExported { get; init; }

    /// <summary>Gets the number of bytes the I/O covers: 1 for a bit, otherwise the bit length divided by 8.</summary>
    public int ByteLength => Type == PiCtoryIoType.Bit ? 1 : BitLength / 8;

    /// <summary>Gets the smallest value the I/O can hold (0 unless signed).</summary>
    public double MinValue => IsSigned && Type is not (PiCtoryIoType.Bit or PiCtoryIoType.Block)
        ? -Math.Pow(2, BitLength - 1)
        : 0;

    /// <summary>Gets the largest value the I/O can hold: 1 for a bit, 2^bits − 1 unsigned, 2^(bits−1) − 1 signed.</summary>
    public double MaxValue => Type switch
    {
        PiCtoryIoType.Bit => 1,
        PiCtoryIoType.Block => 0,
        _ when IsSigned => Math.Pow(2, BitLength - 1) - 1,
        _ => Math.Pow(2, BitLength) - 1,
    };

    /// <summary>Returns the I/O's place as text, for example <c>byte 81, bit 3</c> or <c>bytes 70–71</c>.</summary>
    /// <returns>The location text used in error messages.</returns>
    public string DescribeLocation() => Bit is { } bit
        ? FormattableString.Invariant($"byte {Offset}, bit {bit}")
        : ByteLength == 1
            ? FormattableString.Invariant($"byte {Offset}")
            : FormattableString.Invariant($"bytes {Offset}–{Offset + ByteLength - 1}");
}
