namespace WebMacs.RevPi;

/// <summary>Names the width of an I/O in the process image, as piCtory's bit length gives it.</summary>
public enum PiCtoryIoType
{
    /// <summary>Marks one bit (bit length 1): a boolean at a bit position of a byte.</summary>
    Bit,

    /// <summary>Marks one byte (bit length 8).</summary>
    Byte,

    /// <summary>Marks a 16-bit little-endian word (bit length 16).</summary>
    Word,

    /// <summary>Marks a 32-bit little-endian double word (bit length 32).</summary>
    DoubleWord,

    /// <summary>
    /// Marks a block of bytes wider than 32 bits (for example the 128-bit IP address strings of a Modbus master). It is
    /// mapped and checked for overlaps but has no numeric value, so it is not a channel.
    /// </summary>
    Block,
}
