using System.Globalization;

namespace WebMacs.Plugins.Modbus;

/// <summary>
/// Represents a Modbus exception response: the server understood the request and refused it.
/// </summary>
/// <remarks>
/// The connection stays usable after this exception. Transport failures surface as <see cref="IOException"/>
/// (malformed responses as <see cref="InvalidDataException"/>) and expired request timeouts as
/// <see cref="TimeoutException"/>; both close the connection, and the next request reconnects.
/// </remarks>
public sealed class ModbusException : Exception
{
    /// <summary>Initializes a new instance of the <see cref="ModbusException"/> class.</summary>
    public ModbusException()
        : base("The Modbus server returned an exception response.")
    {
    }

    /// <summary>Initializes a new instance of the <see cref="ModbusException"/> class with a message.</summary>
    /// <param name="message">The message.</param>
    public ModbusException(string message)
        : base(message)
    {
    }

    /// <summary>Initializes a new instance of the <see cref="ModbusException"/> class with a message and a cause.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public ModbusException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Initializes a new instance of the <see cref="ModbusException"/> class for an exception response.</summary>
    /// <param name="functionCode">The function code of the refused request.</param>
    /// <param name="exceptionCode">The exception code the server returned.</param>
    /// <param name="unitId">The unit id the request was addressed to.</param>
    /// <param name="address">The first address of the refused request.</param>
    public ModbusException(ModbusFunctionCode functionCode, ModbusExceptionCode exceptionCode, byte unitId, ushort address)
        : base(FormatMessage(functionCode, exceptionCode, unitId, address))
    {
        FunctionCode = functionCode;
        ExceptionCode = exceptionCode;
        UnitId = unitId;
        Address = address;
    }

    /// <summary>Gets the function code of the refused request.</summary>
    public ModbusFunctionCode FunctionCode { get; }

    /// <summary>Gets the exception code the server returned.</summary>
    public ModbusExceptionCode ExceptionCode { get; }

    /// <summary>Gets the unit id the request was addressed to.</summary>
    public byte UnitId { get; }

    /// <summary>Gets the first address of the refused request.</summary>
    public ushort Address { get; }

    private static string FormatMessage(ModbusFunctionCode functionCode, ModbusExceptionCode exceptionCode, byte unitId, ushort address)
    {
        var name = Enum.IsDefined(exceptionCode) ? exceptionCode.ToString() : "Unknown";
        return string.Create(
            CultureInfo.InvariantCulture,
            $"Modbus exception {(byte)exceptionCode} ({name}) for function {(byte)functionCode} ({functionCode}) at address {address}, unit {unitId}.");
    }
}
