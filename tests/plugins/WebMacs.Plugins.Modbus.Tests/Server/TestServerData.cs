namespace WebMacs.Plugins.Modbus.Tests.Server;

/// <summary>The data <c>modbus_test_server.py</c> serves; keep the two in step.</summary>
public static class TestServerData
{
    public const int HoldingRegisterCount = 300;
    public const int InputRegisterCount = 100;
    public const int CoilCount = 100;

    public static readonly bool[] Coils0To7 = [true, false, true, true, false, false, true, false];
    public static readonly bool[] DiscreteInputs0To9 = [false, true, true, false, true, false, false, false, true, true];
    public static readonly ushort[] Holding0To3 = [1, 2, 3, 4];
    public static readonly ushort[] Input0To4 = [100, 200, 300, 400, 500];

    public const ushort Int16Address = 10;            // -1234
    public const ushort UInt16Address = 11;           // 54321
    public const ushort Int32BigAddress = 12;         // -123456789
    public const ushort Int32LittleAddress = 14;      // -123456789, words swapped
    public const ushort UInt32Address = 16;           // 3000000000
    public const ushort Float32BigAddress = 18;       // 123.456f
    public const ushort Float32LittleAddress = 20;    // 123.456f, words swapped
    public const ushort Float64Address = 22;          // -9876.54321
    public const ushort Int64Address = 26;            // -1234567890123
    public const ushort Float32ByteSwappedAddress = 30; // 123.456f, bytes swapped within each word
    public const ushort TemperatureAddress = 100;     // 1805 = 180.5 degC at 0.1 degC per count
    public const ushort FillerAddress = 101;          // 7
    public const ushort FlowAddress = 102;            // 4512 = 45.12 L/min at 0.01 per count
    public const ushort ValveAddress = 200;           // 5000 = 50 %
    public const ushort InputFloat32Address = 10;     // -40.25f (input registers)

    // Free for writes: holding registers 150..199 and 201..299, coils 50..99. Each test uses its own addresses.
}
