namespace WebMacs.RevPi.Tests.PiCtory;

public partial class PiCtoryConfigurationTests
{
    [Fact]
    public void Load_OwnConfig_MapsBitAddressesAboveSevenToTheNextByte()
    {
        var config = PiCtoryConfiguration.Load(RevPiFixtures.OwnConfig);

        Assert.Equal(24, config.Ios.Count);
        Assert.Equal((14, 0), (config.FindIo("I_9")!.Offset, config.FindIo("I_9")!.Bit));
        Assert.Equal((23, 5), (config.FindIo("O_3")!.Offset, config.FindIo("O_3")!.Bit));
        Assert.Equal((24, 1), (config.FindIo("O_10")!.Offset, config.FindIo("O_10")!.Bit));
        Assert.Equal(1, config.FindIo("O_2")!.DefaultValue);
        Assert.Equal(26, config.FindIo("Setpoint")!.Offset);
    }

    [Fact]
    public void Parse_Utf8WithByteOrderMark_Parses()
    {
        var json = Device("d", 0, Io("a", "8", "0"));
        byte[] bytes = [0xEF, 0xBB, 0xBF, .. System.Text.Encoding.UTF8.GetBytes(json)];

        var config = PiCtoryConfiguration.Parse(bytes);

        Assert.Equal("a", Assert.Single(config.Ios).Name);
    }

    [Fact]
    public void Parse_NumbersWrittenAsNumbers_Parses()
    {
        var config = PiCtoryConfiguration.Parse(Device("d", 10, """["x", 3, 16, 4, 1, "0000", "", ""]""", """["b", null, 1, 0, false, "0001", "", 12]"""));

        Assert.Equal((14, PiCtoryIoType.Word, 3d), (config.FindIo("x")!.Offset, config.FindIo("x")!.Type, config.FindIo("x")!.DefaultValue));
        Assert.Equal((11, 4), (config.FindIo("b")!.Offset, config.FindIo("b")!.Bit));
    }

    [Fact]
    public void Parse_BlockWiderThan32Bits_IsMappedAsBlock()
    {
        var config = PiCtoryConfiguration.Parse(Device("mb", 100, Io("slave_IP_address", "128", "768", "192.168.1.11")));

        var io = Assert.Single(config.Ios);
        Assert.Equal((PiCtoryIoType.Block, 868, 16), (io.Type, io.Offset, io.ByteLength));
        Assert.Equal("192.168.1.11", io.DefaultText);
    }

    [Theory]
    [InlineData("3")]
    [InlineData("0")]
    [InlineData("12")]
    [InlineData("-8")]
    public void Parse_UnknownBitLength_FailsNamingDeviceAndIo(string bitLength)
    {
        var ex = Assert.Throws<PiCtoryConfigException>(() => PiCtoryConfiguration.Parse(Device("dio01", 0, Io("odd", bitLength, "0"))));

        Assert.Equal(("dio01", "odd"), (ex.DeviceName, ex.IoName));
        Assert.Contains($"I/O 'odd' of device 'dio01': bit length {bitLength} is not a known I/O type", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("\"1.5\"", "byte offset \"1.5\" is not a whole")]
    [InlineData("\"-1\"", "byte offset \"-1\" is not a whole")]
    [InlineData("\"abc\"", "byte offset \"abc\" is not a whole")]
    [InlineData("\"4095\"", "byte 4095 + 2 lies outside the 4096-byte process image")]
    public void Parse_BadIoOffset_FailsNamingDeviceAndIo(string offset, string expected)
    {
        var json = Device("aio01", 0, $"""["value", "0", "16", {offset}, false, "0000", "", ""]""");

        var ex = Assert.Throws<PiCtoryConfigException>(() => PiCtoryConfiguration.Parse(json));

        Assert.Equal(("aio01", "value"), (ex.DeviceName, ex.IoName));
        Assert.Contains(expected, ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("-3", "offset -3 lies outside")]
    [InlineData("4096", "offset 4096 lies outside")]
    [InlineData("\"x\"", "offset \"x\" is not a number")]
    [InlineData("12.25", "offset 12.25 is not a whole byte")]
    public void Parse_BadDeviceOffset_FailsNamingTheDevice(string offset, string expected)
    {
        var json = $$$"""{"Devices":[{"name":"di01","position":"32","offset":{{{offset}}},"inp":{},"out":{},"mem":{}}]}""";

        var ex = Assert.Throws<PiCtoryConfigException>(() => PiCtoryConfiguration.Parse(json));

        Assert.Equal("di01", ex.DeviceName);
        Assert.Contains($"piCtory device 'di01' (position 32): {expected}", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_DuplicateIoNames_FailsNamingBothDevices()
    {
        var json = $$"""{"Devices":[{{DeviceObject("first", 0, Io("Status", "8", "0"))}},{{DeviceObject("second", 10, Io("Status", "8", "0"))}}]}""";

        var ex = Assert.Throws<PiCtoryConfigException>(() => PiCtoryConfiguration.Parse(json));

        Assert.Equal(("second", "Status"), (ex.DeviceName, ex.IoName));
        Assert.Contains("I/O 'Status' of device 'second' (byte 10): the name is already used by the I/O of device 'first' (byte 0)", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_OverlappingBytesAcrossDevices_FailsNamingBoth()
    {
        var json = $$"""{"Devices":[{{DeviceObject("left", 0, Io("wide", "32", "0"))}},{{DeviceObject("right", 2, Io("narrow", "8", "0"))}}]}""";

        var ex = Assert.Throws<PiCtoryConfigException>(() => PiCtoryConfiguration.Parse(json));

        Assert.Equal(("right", "narrow"), (ex.DeviceName, ex.IoName));
        Assert.Contains("I/O 'narrow' of device 'right' (byte 2) overlaps I/O 'wide' of device 'left' (bytes 0–3)", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_BitInsideAByteIo_FailsAsOverlap()
    {
        var ex = Assert.Throws<PiCtoryConfigException>(() =>
            PiCtoryConfiguration.Parse(Device("dio", 0, Io("Byte", "8", "0"), """["Bit", "0", "1", "0", true, "0001", "", "3"]""")));

        Assert.Equal("Bit", ex.IoName);
        Assert.Contains("(byte 0, bit 3) overlaps I/O 'Byte'", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_AdjacentBitsAndBytes_DoNotOverlap()
    {
        var config = PiCtoryConfiguration.Parse(Device("dio", 0,
            """["b0", "0", "1", "0", true, "0000", "", "0"]""",
            """["b7", "0", "1", "0", true, "0001", "", "7"]""",
            Io("next", "16", "1")));

        Assert.Equal(3, config.Ios.Count);
    }

    [Theory]
    [InlineData("""["bit", "0", "1", "0", true, "0000", "", ""]""", "a 1-bit I/O needs a whole, non-negative bit address; found \"\"")]
    [InlineData("""["bit", "0", "1", "0", true, "0000", ""]""", "a 1-bit I/O needs a whole, non-negative bit address; found none")]
    [InlineData("""["word", "0", "16", "0", true, "0000", "", "3"]""", "a 16-bit I/O cannot have a bit address (\"3\")")]
    public void Parse_BadBitAddress_FailsNamingTheIo(string entry, string expected)
    {
        var ex = Assert.Throws<PiCtoryConfigException>(() => PiCtoryConfiguration.Parse(Device("dio", 0, entry)));

        Assert.Contains(expected, ex.Message, StringComparison.Ordinal);
        Assert.Equal("dio", ex.DeviceName);
    }

    [Theory]
    [InlineData("not json", "not valid JSON")]
    [InlineData("[]", "has no \"Devices\" list")]
    [InlineData("""{"Devices":{}}""", "has no \"Devices\" list")]
    [InlineData("""{"Devices":[{"name":"x","offset":0,"inp":{"0":{"name":"I_1","bitLength":1}}}]}""", "\"inp\" entry 0 is not the positional array")]
    public void Parse_MalformedDocument_FailsSayingWhy(string json, string expected)
    {
        var ex = Assert.Throws<PiCtoryConfigException>(() => PiCtoryConfiguration.Parse(json));

        Assert.Contains(expected, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_UnnamedEntry_IsSkipped()
    {
        var config = PiCtoryConfiguration.Parse(Device("d", 0, Io("", "8", "0"), Io("named", "8", "1")));

        Assert.Equal("named", Assert.Single(config.Ios).Name);
    }

    private static string Io(string name, string bitLength, string offset, string defaultValue = "0") =>
        $"""["{name}", "{defaultValue}", "{bitLength}", "{offset}", false, "0000", "", ""]""";

    private static string Device(string name, int offset, params string[] inputs) =>
        $$"""{"Devices":[{{DeviceObject(name, offset, inputs)}}]}""";

    private static string DeviceObject(string name, int offset, params string[] inputs)
    {
        var entries = string.Join(",", inputs.Select((entry, i) => $"\"{i}\":{entry}"));
        return $$$"""{"name":"{{{name}}}","type":"LEFT_RIGHT","position":"32","offset":{{{offset}}},"inp":{{{{entries}}}},"out":{},"mem":{}}""";
    }
}
