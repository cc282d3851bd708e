namespace WebMacs.Plugins.Modbus.Tests.Values;

public sealed class ModbusValueCodecTests
{
    [Theory]
    [InlineData(ModbusDataType.Int16, new ushort[] { 0xFB2E }, -1234)]
    [InlineData(ModbusDataType.UInt16, new ushort[] { 0xD431 }, 54321)]
    [InlineData(ModbusDataType.Int32, new ushort[] { 0xF8A4, 0x32EB }, -123456789)]
    [InlineData(ModbusDataType.UInt32, new ushort[] { 0xB2D0, 0x5E00 }, 3000000000)]
    [InlineData(ModbusDataType.Float32, new ushort[] { 0x42F6, 0xE979 }, 123.45600128173828)]
    [InlineData(ModbusDataType.Int64, new ushort[] { 0xFFFF, 0xFEE0, 0x8E04, 0xFB35 }, -1234567890123)]
    [InlineData(ModbusDataType.Float64, new ushort[] { 0x4059, 0x0000, 0x0000, 0x0000 }, 100.0)]
    public void Decode_BigWordOrder_GivesValue(ModbusDataType type, ushort[] registers, double expected)
    {
        Assert.Equal(expected, ModbusValueCodec.Decode(registers, type, ModbusWordOrder.Big, ModbusByteOrder.Big));
    }

    [Fact]
    public void Decode_LittleWordOrder_SwapsWords()
    {
        var value = ModbusValueCodec.Decode([0x32EB, 0xF8A4], ModbusDataType.Int32, ModbusWordOrder.Little, ModbusByteOrder.Big);

        Assert.Equal(-123456789, value);
    }

    [Fact]
    public void Decode_LittleByteOrder_SwapsBytesInEachWord()
    {
        var value = ModbusValueCodec.Decode([0xF642, 0x79E9], ModbusDataType.Float32, ModbusWordOrder.Big, ModbusByteOrder.Little);

        Assert.Equal(123.456f, (float)value);
    }

    [Fact]
    public void Decode_LittleWordAndByteOrder_ReversesAllBytes()
    {
        // 0x3F800000 (1.0f) stored as DCBA: words 0x0000, 0x803F.
        var value = ModbusValueCodec.Decode([0x0000, 0x803F], ModbusDataType.Float32, ModbusWordOrder.Little, ModbusByteOrder.Little);

        Assert.Equal(1.0, value);
    }

    [Theory]
    [InlineData(ModbusDataType.Int16, -1234.0)]
    [InlineData(ModbusDataType.UInt16, 65535.0)]
    [InlineData(ModbusDataType.Int32, -2147483648.0)]
    [InlineData(ModbusDataType.UInt32, 4294967295.0)]
    [InlineData(ModbusDataType.Float32, -40.25)]
    [InlineData(ModbusDataType.Int64, -9007199254740991.0)]
    [InlineData(ModbusDataType.UInt64, 9007199254740991.0)]
    [InlineData(ModbusDataType.Float64, Math.PI)]
    public void Encode_ThenDecode_RoundTripsInEveryOrder(ModbusDataType type, double value)
    {
        foreach (var words in Enum.GetValues<ModbusWordOrder>())
        {
            foreach (var bytes in Enum.GetValues<ModbusByteOrder>())
            {
                var registers = new ushort[ModbusValueCodec.Width(type)];

                ModbusValueCodec.Encode(value, registers, type, words, bytes);

                Assert.Equal(value, ModbusValueCodec.Decode(registers, type, words, bytes));
            }
        }
    }

    [Fact]
    public void Encode_LittleWordOrder_PutsLowWordFirst()
    {
        var registers = new ushort[2];

        ModbusValueCodec.Encode(0x12345678, registers, ModbusDataType.UInt32, ModbusWordOrder.Little, ModbusByteOrder.Big);

        Assert.Equal([(ushort)0x5678, (ushort)0x1234], registers);
    }

    [Theory]
    [InlineData(2.5, 3)]
    [InlineData(-2.5, -3)]
    [InlineData(2.4, 2)]
    public void Encode_IntegerType_RoundsHalfAwayFromZero(double raw, short expected)
    {
        var registers = new ushort[1];

        ModbusValueCodec.Encode(raw, registers, ModbusDataType.Int16, ModbusWordOrder.Big, ModbusByteOrder.Big);

        Assert.Equal(expected, unchecked((short)registers[0]));
    }

    [Theory]
    [InlineData(ModbusDataType.UInt16, 65536)]
    [InlineData(ModbusDataType.UInt16, -1)]
    [InlineData(ModbusDataType.Int16, 32768)]
    [InlineData(ModbusDataType.UInt32, -0.6)]
    [InlineData(ModbusDataType.Float32, double.NaN)]
    public void Encode_ValueOutsideType_Throws(ModbusDataType type, double raw)
    {
        var registers = new ushort[ModbusValueCodec.Width(type)];

        Assert.Throws<ArgumentOutOfRangeException>(() => ModbusValueCodec.Encode(raw, registers, type, ModbusWordOrder.Big, ModbusByteOrder.Big));
    }
}
