namespace WebMacs.Plugins.Modbus;

/// <summary>
/// Lists the exception codes a Modbus server returns in an exception response (Modbus Application Protocol v1.1b3, §7).
/// </summary>
public enum ModbusExceptionCode : byte
{
    /// <summary>Indicates that the server does not support the function code.</summary>
    IllegalFunction = 1,

    /// <summary>Indicates that the address, or the address plus the count, is outside the server's data.</summary>
    IllegalDataAddress = 2,

    /// <summary>Indicates that a value in the request is not allowed.</summary>
    IllegalDataValue = 3,

    /// <summary>Indicates that the server failed while performing the request.</summary>
    ServerDeviceFailure = 4,

    /// <summary>Indicates that the server accepted a long-running request.</summary>
    Acknowledge = 5,

    /// <summary>Indicates that the server is busy with a long-running request.</summary>
    ServerDeviceBusy = 6,

    /// <summary>Indicates that the server cannot perform the program function.</summary>
    NegativeAcknowledge = 7,

    /// <summary>Indicates a parity error in the server's extended memory.</summary>
    MemoryParityError = 8,

    /// <summary>Indicates that a gateway could not allocate a path to the target.</summary>
    GatewayPathUnavailable = 10,

    /// <summary>Indicates that the device behind a gateway did not respond.</summary>
    GatewayTargetDeviceFailedToRespond = 11,
}
