namespace WebMacs.RevPi.Tests.ProcessImage;

public class ProcessImageTests
{
    private static readonly PiCtoryConfiguration Config = PiCtoryConfiguration.Load(RevPiFixtures.OwnConfig);

    private static PiCtoryIo Io(string name) => Config.FindIo(name)!;

    [Fact]
    public void Read_ManyIos_DecodesEveryValueFromOneSpan()
    {
        using var file = new TempImageFile();
        file.Poke(0, 0x07, 0x2A);             // RevPiStatus = 7, RevPiIOCycle = 42
        file.Poke(2, 0x34, 0x12);             // RS485ErrorCnt = 0x1234
        file.Poke(13, 0b0000_0101, 0b0000_0001); // I_1 = 1, I_2 = 0, I_3 = 1; I_9 (byte 14 bit 0) = 1
        file.Poke(15, 0xFF, 0xFF);            // AnalogIn = 65535 unsigned
        file.Poke(19, 0x78, 0x56, 0x34, 0x12); // Counter_1 = 0x12345678
        file.Poke(31, 0xFF, 0xFF, 0xFF, 0xFF); // v_in = uint.MaxValue
        PiCtoryIo[] ios = [Io("RevPiStatus"), Io("RevPiIOCycle"), Io("RS485ErrorCnt"), Io("I_1"), Io("I_2"), Io("I_3"), Io("I_9"),
            Io("AnalogIn"), Io("Counter_1"), Io("v_in")];
        var values = new double[ios.Length];
        using var image = RevPi.ProcessImage.Open(file.Path);

        image.Read(ios, values);

        Assert.Equal([7, 42, 0x1234, 1, 0, 1, 1, 65535, 0x12345678, uint.MaxValue], values);
    }

    [Fact]
    public void Read_SignedIo_DecodesTwosComplement()
    {
        using var file = new TempImageFile();
        file.Poke(15, 0x18, 0xFC);             // AnalogIn = -1000 as int16
        file.Poke(31, 0xFE, 0xFF, 0xFF, 0xFF); // v_in = -2 as int32
        file.Poke(35, 0x80);                   // v_out = -128 as int8
        using var image = RevPi.ProcessImage.Open(file.Path);

        Assert.Equal(-1000, image.Read(Io("AnalogIn") with { IsSigned = true }));
        Assert.Equal(-2, image.Read(Io("v_in") with { IsSigned = true }));
        Assert.Equal(-128, image.Read(Io("v_out") with { IsSigned = true }));
        Assert.Equal(64536, image.Read(Io("AnalogIn")));
    }

    [Fact]
    public void Write_Bit_ChangesOnlyThatBit()
    {
        using var file = new TempImageFile();
        file.Poke(22, 0xAB);
        file.Poke(23, 0b1100_0010);
        file.Poke(24, 0x5A);
        using var image = RevPi.ProcessImage.Open(file.Path);

        image.Write(Io("O_1"), 1);   // byte 23 bit 0 on
        image.Write(Io("O_2"), 0);   // byte 23 bit 1 off
        image.Write(Io("O_3"), 1);   // byte 23 bit 5 on
        image.Write(Io("O_10"), 0);  // byte 24 bit 1 off

        var bytes = file.ReadAll();
        Assert.Equal(0xAB, bytes[22]);
        Assert.Equal(0b1110_0001, bytes[23]);
        Assert.Equal(0x58, bytes[24]);
        Assert.Equal(1, image.Read(Io("O_1")));
        Assert.Equal(0, image.Read(Io("O_2")));
    }

    [Fact]
    public void Write_Bit_AnyNonZeroValueSetsIt()
    {
        using var file = new TempImageFile();
        using var image = RevPi.ProcessImage.Open(file.Path);

        image.Write(Io("O_3"), 0.2);

        Assert.Equal(0b0010_0000, file.ReadAll()[23]);
    }

    [Fact]
    public void Write_WordAndDoubleWord_WritesLittleEndianWithoutTouchingNeighbours()
    {
        using var file = new TempImageFile();
        file.Poke(25, 0x11, 0xFF, 0xFF, 0x22);
        using var image = RevPi.ProcessImage.Open(file.Path);

        image.Write(Io("Setpoint"), 0x1234);   // bytes 26–27
        image.Write(Io("v_in"), 0xA1B2C3D4);   // bytes 31–34
        image.Write(Io("PWM_1"), 99.6);        // byte 25, rounded

        var bytes = file.ReadAll();
        Assert.Equal([100, 0x34, 0x12, 0x22], bytes[25..29]);
        Assert.Equal([0xD4, 0xC3, 0xB2, 0xA1], bytes[31..35]);
        Assert.Equal(0x1234, image.Read(Io("Setpoint")));
    }

    [Fact]
    public void Write_SignedWord_WritesTwosComplement()
    {
        using var file = new TempImageFile();
        using var image = RevPi.ProcessImage.Open(file.Path);

        image.Write(Io("Setpoint") with { IsSigned = true }, -2);

        Assert.Equal([0xFE, 0xFF], file.ReadAll()[26..28]);
    }

    [Theory]
    [InlineData("PWM_1", 256)]
    [InlineData("PWM_1", -1)]
    [InlineData("Setpoint", 65536)]
    [InlineData("Setpoint", double.NaN)]
    public void Write_ValueOutsideTheIoRange_ThrowsAndLeavesTheImage(string name, double value)
    {
        using var file = new TempImageFile();
        using var image = RevPi.ProcessImage.Open(file.Path);

        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => image.Write(Io(name), value));

        Assert.Contains($"I/O '{name}'", ex.Message, StringComparison.Ordinal);
        Assert.All(file.ReadAll(), b => Assert.Equal(0, b));
    }

    [Fact]
    public void Read_ImageShorterThanTheIo_ThrowsNamingThePath()
    {
        using var file = new TempImageFile(size: 20);
        using var image = RevPi.ProcessImage.Open(file.Path);

        var ex = Assert.Throws<IOException>(() => image.Read(Io("Counter_1")));

        Assert.Contains(file.Path, ex.Message, StringComparison.Ordinal);
        Assert.Contains("ended at byte 20", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_Block_ThrowsBecauseItHasNoNumber()
    {
        var block = PiCtoryConfiguration.Parse("""{"Devices":[{"name":"mb","offset":0,"mem":{"0":["ip","","128","0",false,"0","",""]}}]}""").Ios[0];
        using var file = new TempImageFile();
        using var image = RevPi.ProcessImage.Open(file.Path);

        Assert.Throws<InvalidOperationException>(() => image.Read(block));
        var bytes = new byte[16];
        image.ReadBytes(block.Offset, bytes);
        Assert.All(bytes, b => Assert.Equal(0, b));
    }

    [Fact]
    public void Open_MissingFile_Throws()
    {
        var path = Path.Combine(Path.GetTempPath(), $"webmacs-revpi-missing-{Guid.NewGuid():N}");

        Assert.Throws<FileNotFoundException>(() => RevPi.ProcessImage.Open(path));
    }
}
