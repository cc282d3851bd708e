namespace WebMacs.RevPi.Tests.PiCtory;

public partial class PiCtoryConfigurationTests
{
    [Fact]
    public void Load_CommonConfig_MapsEveryDeviceAtItsOffset()
    {
        var config = PiCtoryConfiguration.Load(RevPiFixtures.Shared("common_config.rsc"));

        Assert.Equal(["picore01", "di01", "di02", "do01", "do02", "aio01", "virt01"], config.Devices.Select(d => d.Name));
        Assert.Equal([0, 11, 124, 237, 350, 463, 552], config.Devices.Select(d => d.Offset));
        Assert.Equal(["BASE", "LEFT_RIGHT", "LEFT_RIGHT", "LEFT_RIGHT", "LEFT_RIGHT", "LEFT_RIGHT", "VIRTUAL"], config.Devices.Select(d => d.Type));
        Assert.Equal(33, config.Devices[2].Position);
        Assert.Equal("RevPi DI", config.Devices[2].Label);
        Assert.Equal(417, config.Ios.Count);
        Assert.Equal(157, config.Ios.Count(io => io.Direction == PiCtoryIoDirection.Input));
        Assert.Equal(135, config.Ios.Count(io => io.Direction == PiCtoryIoDirection.Output));
    }

    [Theory]
    // name, direction, type, absolute byte, bit (-1: none), bit length
    [InlineData("RevPiStatus", PiCtoryIoDirection.Input, PiCtoryIoType.Byte, 0, -1, 8)]
    [InlineData("RS485ErrorCnt", PiCtoryIoDirection.Input, PiCtoryIoType.Word, 2, -1, 16)]
    [InlineData("RS485ErrorLimit2", PiCtoryIoDirection.Output, PiCtoryIoType.Word, 9, -1, 16)]
    [InlineData("notaus_ok", PiCtoryIoDirection.Input, PiCtoryIoType.Bit, 11, 0, 1)]
    [InlineData("fu_motoran", PiCtoryIoDirection.Input, PiCtoryIoType.Bit, 11, 3, 1)]
    [InlineData("t_automatik", PiCtoryIoDirection.Input, PiCtoryIoType.Bit, 12, 0, 1)]
    [InlineData("I_16", PiCtoryIoDirection.Input, PiCtoryIoType.Bit, 12, 7, 1)]
    [InlineData("Counter_1", PiCtoryIoDirection.Input, PiCtoryIoType.DoubleWord, 17, -1, 32)]
    [InlineData("Output", PiCtoryIoDirection.Output, PiCtoryIoType.Word, 81, -1, 16)]
    [InlineData("OutputPWMFrequency", PiCtoryIoDirection.Memory, PiCtoryIoType.Byte, 123, -1, 8)]
    [InlineData("s_metall", PiCtoryIoDirection.Input, PiCtoryIoType.Bit, 125, 0, 1)]
    [InlineData("fu_rechts", PiCtoryIoDirection.Output, PiCtoryIoType.Bit, 307, 0, 1)]
    [InlineData("fu_frei", PiCtoryIoDirection.Output, PiCtoryIoType.Bit, 308, 7, 1)]
    [InlineData("mb_connect", PiCtoryIoDirection.Output, PiCtoryIoType.Bit, 421, 7, 1)]
    [InlineData("fu_ist", PiCtoryIoDirection.Input, PiCtoryIoType.Word, 463, -1, 16)]
    [InlineData("fu_soll", PiCtoryIoDirection.Output, PiCtoryIoType.Word, 485, -1, 16)]
    [InlineData("Output2Offset", PiCtoryIoDirection.Memory, PiCtoryIoType.Word, 550, -1, 16)]
    [InlineData("p_drehzahl1", PiCtoryIoDirection.Input, PiCtoryIoType.Byte, 558, -1, 8)]
    [InlineData("Output_32", PiCtoryIoDirection.Output, PiCtoryIoType.Byte, 615, -1, 8)]
    public void Load_CommonConfig_MapsIoToAbsoluteByteBitAndWidth(
        string name, PiCtoryIoDirection direction, PiCtoryIoType type, int offset, int bit, int bitLength)
    {
        var config = PiCtoryConfiguration.Load(RevPiFixtures.Shared("common_config.rsc"));

        var io = config.FindIo(name);

        Assert.NotNull(io);
        Assert.Equal(direction, io.Direction);
        Assert.Equal(type, io.Type);
        Assert.Equal(offset, io.Offset);
        Assert.Equal(bit < 0 ? null : bit, io.Bit);
        Assert.Equal(bitLength, io.BitLength);
    }

    [Fact]
    public void Load_CommonConfig_KeepsDefaultsAndComments()
    {
        var config = PiCtoryConfiguration.Load(RevPiFixtures.Shared("common_config.rsc"));

        Assert.Equal(1000, config.FindIo("RS485ErrorLimit2")!.DefaultValue);
        Assert.Equal("136", config.FindIo("p_drehzahl1")!.DefaultText);
        Assert.Equal(136, config.FindIo("p_drehzahl1")!.DefaultValue);
        Assert.Equal("You must use wire bridges for current measurement!", config.FindIo("Input1Range")!.Comment);
        Assert.Null(config.FindIo("fu_ist")!.Comment);
        Assert.True(config.FindIo("notaus_ok")!.IsExported);
        Assert.False(config.FindIo("Counter_1")!.IsExported);
        Assert.Equal("di01", config.FindIo("notaus_ok")!.DeviceName);
        Assert.Null(config.FindIo("no_such_io"));
    }

    [Fact]
    public void Load_Connect4Config_MapsBaseModule()
    {
        var config = PiCtoryConfiguration.Load(RevPiFixtures.Shared("revpi4_config_connect4.rsc"));

        var device = Assert.Single(config.Devices);
        Assert.Equal("RevPi Connect 4", device.Name);
        Assert.Equal("136", device.ProductType);
        Assert.Equal(9, device.Ios.Count);
        Assert.Equal(
            [("RevPiStatus", 0), ("RevPiIOCycle", 1), ("RS485ErrorCnt", 2), ("Core_Temperature", 4), ("Core_Frequency", 5),
             ("RevPiOutput", 6), ("RS485ErrorLimit1", 7), ("RS485ErrorLimit2", 9), ("RevPiLED", 11)],
            device.Ios.Select(io => (io.Name, io.Offset)));
        Assert.Equal(PiCtoryIoType.Word, config.FindIo("RevPiLED")!.Type);
        Assert.Equal(10, config.FindIo("RS485ErrorLimit1")!.DefaultValue);
    }

    [Fact]
    public void Load_FlatConfig_MapsInputsOutputsAndMemory()
    {
        var config = PiCtoryConfiguration.Load(RevPiFixtures.Shared("flat_config_flat.rsc"));

        Assert.Equal(10, config.Ios.Count);
        var ain = config.FindIo("AIn")!;
        Assert.Equal((0, PiCtoryIoType.Word, PiCtoryIoDirection.Input), (ain.Offset, ain.Type, ain.Direction));
        var dout = config.FindIo("DOut")!;
        Assert.Equal((11, PiCtoryIoType.Byte, PiCtoryIoDirection.Output), (dout.Offset, dout.Type, dout.Direction));
        var mode = config.FindIo("AInMode")!;
        Assert.Equal((12, PiCtoryIoDirection.Memory), (mode.Offset, mode.Direction));
        Assert.Equal("Select the type of analog input signal", mode.Comment);
    }

    [Fact]
    public void Load_BadOffsetConfig_FailsNamingTheOverlappingDevicesAndIos()
    {
        var ex = Assert.Throws<PiCtoryConfigException>(() => PiCtoryConfiguration.Load(RevPiFixtures.Shared("common_config_bad_offset.rsc")));

        Assert.Equal("ModbusTCP Master Motor", ex.DeviceName);
        Assert.Equal("Master_Status_Reset", ex.IoName);
        Assert.Contains("'Master_Status_Reset' of device 'ModbusTCP Master Motor' (byte 955)", ex.Message, StringComparison.Ordinal);
        Assert.Contains("overlaps I/O 'Input_Word_19_i05' of device 'ModbusTCP Master Light' (bytes 954–955)", ex.Message, StringComparison.Ordinal);
        Assert.Contains("common_config_bad_offset.rsc", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_FloatingOffsetConfig_FailsNamingTheDevice()
    {
        var ex = Assert.Throws<PiCtoryConfigException>(() => PiCtoryConfiguration.Load(RevPiFixtures.Shared("common_config_floating_offset.rsc")));

        Assert.Equal("RevPi DI", ex.DeviceName);
        Assert.Null(ex.IoName);
        Assert.Contains("device 'RevPi DI' (position 33): offset 31.5 is not a whole byte", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_OverlappingBitsConfig_FailsNamingBothIos()
    {
        var ex = Assert.Throws<PiCtoryConfigException>(() => PiCtoryConfiguration.Load(RevPiFixtures.Shared("common_config_overlapping_bits.rsc")));

        Assert.Equal("RevPi RO", ex.DeviceName);
        Assert.Equal("RelayOutputPadding_1", ex.IoName);
        Assert.Contains(
            "I/O 'RelayOutputPadding_1' of device 'RevPi RO' (byte 14, bit 0) overlaps I/O 'RelayOutput_1' of device 'RevPi RO' (byte 14, bit 0)",
            ex.Message,
            StringComparison.Ordinal);
    }

    [Fact]
    public void Load_EverySharedFixture_IsCoveredByAnExpectation()
    {
        RevPiFixtures.Shared("common_config.rsc");
        string[] good = ["common_config.rsc", "flat_config_flat.rsc", "revpi4_config_connect4.rsc"];
        string[] bad = ["common_config_bad_offset.rsc", "common_config_floating_offset.rsc", "common_config_overlapping_bits.rsc"];

        var files = Directory.GetFiles(RevPiFixtures.SharedDirectory, "*.rsc").Select(Path.GetFileName).Order(StringComparer.Ordinal).ToArray();

        Assert.Equal(good.Concat(bad).Order(StringComparer.Ordinal), files);
        foreach (var file in good)
        {
            Assert.NotEmpty(PiCtoryConfiguration.Load(Path.Combine(RevPiFixtures.SharedDirectory, file)).Ios);
        }

        foreach (var file in bad)
        {
            var ex = Assert.Throws<PiCtoryConfigException>(() => PiCtoryConfiguration.Load(Path.Combine(RevPiFixtures.SharedDirectory, file)));
            Assert.NotNull(ex.DeviceName);
        }
    }
}
