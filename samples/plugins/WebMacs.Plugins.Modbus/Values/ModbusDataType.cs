namespace WebMacs.Plugins.Modbus;

/// <summary>Lists how a channel's registers encode its value (JSON: <c>uint16</c>, <c>float32</c>, …).</summary>
// The members carry the names the Modbus world (and the JSON configuration: "int16", "float32") uses for these
// encodings; CA1720 objects to type names in identifiers, which is exactly the point here.
#pragma warning disable CA1720
public enum ModbusDataType
{
    /// <summary>Selects one bit: the only type of coils and discrete inputs (0 or 1).</summary>
    Bool,

    /// <summary>Selects a signed 16-bit integer in one register.</summary>
    Int16,

    /// <summary>Selects an unsigned 16-bit integer in one register.</summary>
    UInt16,

    /// <summary>Selects a signed 32-bit integer in two registers.</summary>
    Int32,

    /// <summary>Selects an unsigned 32-bit integer in two registers.</summary>
    UInt32,

    /// <summary>Selects an IEEE 754 single-precision float in two registers.</summary>
    Float32,

    /// <summary>Selects a signed 64-bit integer in four registers (exact up to 2^53 as a double).</summary>
    Int64,

    /// <summary>Selects an unsigned 64-bit integer in four registers (exact up to 2^53 as a double).</summary>
    UInt64,

    /// <summary>Selects an IEEE 754 double-precision float in four registers.</summary>
    Float64,
}
#pragma warning restore CA1720
