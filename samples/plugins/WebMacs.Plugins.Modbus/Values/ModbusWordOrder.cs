namespace WebMacs.Plugins.Modbus;

/// <summary>Lists the orders in which a multi-register value's 16-bit words are stored (JSON: <c>big</c>, <c>little</c>).</summary>
public enum ModbusWordOrder
{
    /// <summary>Stores the most significant word at the lowest address (the Modbus convention; "ABCD").</summary>
    Big,

    /// <summary>Stores the least significant word at the lowest address (swapped words; "CDAB").</summary>
    Little,
}
