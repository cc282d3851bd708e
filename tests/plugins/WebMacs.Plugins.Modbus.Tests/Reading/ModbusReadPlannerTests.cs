namespace WebMacs.Plugins.Modbus.Tests.Reading;

public sealed class ModbusReadPlannerTests
{
    private static ModbusPoint Holding(string id, int address, ModbusDataType type = ModbusDataType.UInt16) =>
        new(id, ModbusRegisterType.HoldingRegister, (ushort)address, type, ModbusWordOrder.Big, ModbusByteOrder.Big);

    [Fact]
    public void Plan_AdjacentRegisters_OneBlock()
    {
        ModbusPoint?[] points = [Holding("a", 10), Holding("b", 11, ModbusDataType.Float32), Holding("c", 13)];

        var blocks = ModbusReadPlanner.Plan(points, maxGap: 0);

        var block = Assert.Single(blocks);
        Assert.Equal((ushort)10, block.Start);
        Assert.Equal(4, block.Count);
        Assert.Equal([0, 1, 2], block.Members);
    }

    [Fact]
    public void Plan_GapWithinAllowance_JoinsAndSpansTheGap()
    {
        ModbusPoint?[] points = [Holding("t", 100), Holding("f", 102)];

        var joined = ModbusReadPlanner.Plan(points, maxGap: 1);
        var split = ModbusReadPlanner.Plan(points, maxGap: 0);

        Assert.Equal(3, Assert.Single(joined).Count);
        Assert.Equal(2, split.Count);
    }

    [Fact]
    public void Plan_UnorderedMixedTypes_GroupsByTableAndAddress()
    {
        ModbusPoint?[] points =
        [
            Holding("h2", 5),
            new("c1", ModbusRegisterType.Coil, 3, ModbusDataType.Bool, ModbusWordOrder.Big, ModbusByteOrder.Big),
            Holding("h1", 4),
            new("i1", ModbusRegisterType.InputRegister, 4, ModbusDataType.UInt16, ModbusWordOrder.Big, ModbusByteOrder.Big),
            new("c2", ModbusRegisterType.Coil, 4, ModbusDataType.Bool, ModbusWordOrder.Big, ModbusByteOrder.Big),
            null,
        ];

        var blocks = ModbusReadPlanner.Plan(points, maxGap: 0);

        Assert.Equal(3, blocks.Count);
        Assert.Contains(blocks, b => b.RegisterType == ModbusRegisterType.HoldingRegister && b.Start == 4 && b.Count == 2 && b.Members.SequenceEqual([2, 0]));
        Assert.Contains(blocks, b => b.RegisterType == ModbusRegisterType.Coil && b.Start == 3 && b.Count == 2);
        Assert.Contains(blocks, b => b.RegisterType == ModbusRegisterType.InputRegister && b.Count == 1);
    }

    [Fact]
    public void Plan_MoreThan125Registers_SplitsAtTheProtocolLimit()
    {
        var points = Enumerable.Range(0, 130).Select(i => (ModbusPoint?)Holding($"r{i}", i)).ToArray();

        var blocks = ModbusReadPlanner.Plan(points, maxGap: 0);

        Assert.Equal([125, 5], blocks.Select(b => b.Count));
    }

    [Fact]
    public void Plan_OverlappingChannels_ShareOneBlock()
    {
        ModbusPoint?[] points = [Holding("whole", 20, ModbusDataType.UInt32), Holding("low", 21)];

        var block = Assert.Single(ModbusReadPlanner.Plan(points, maxGap: 0));

        Assert.Equal(2, block.Count);
    }
}
