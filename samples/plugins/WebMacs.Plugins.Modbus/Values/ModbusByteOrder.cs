namespace WebMacs.Plugins.Modbus;

/// <summary>Lists the orders of the two bytes inside each register (JSON: <c>big</c>, <c>little</c>).</summary>
public enum ModbusByteOrder
{
    /// <summary>Sends the high byte first (the Modbus convention).</summary>
    Big,

    /// <summary>Sends the low byte first (byte-swapped devices; with little word order this gives "DCBA").</summary>
    Little,
}
