namespace WebMacs.Plugins.Modbus;

/// <summary>Groups channel points into as few read requests as the register map and the protocol limits allow.</summary>
internal static class ModbusReadPlanner
{
    /// <summary>Plans the reads of <paramref name="points"/>; a channel lies wholly inside one block.</summary>
    /// <param name="points">The points to read (null entries are skipped).</param>
    /// <param name="maxGap">How many unused registers or bits a block may span between two channels.</param>
    /// <returns>The blocks, by register type and address.</returns>
    public static IReadOnlyList<ModbusReadBlock> Plan(IReadOnlyList<ModbusPoint?> points, int maxGap)
    {
        ArgumentNullException.ThrowIfNull(points);
        var blocks = new List<ModbusReadBlock>();
        var ordered = Enumerable.Range(0, points.Count)
            .Where(i => points[i] is not null)
            .OrderBy(i => points[i]!.RegisterType)
            .ThenBy(i => points[i]!.Address)
            .ThenBy(i => i);
        ModbusRegisterType? type = null;
        var start = 0;
        var end = 0; // exclusive
        var members = new List<int>();
        foreach (var index in ordered)
        {
            var point = points[index]!;
            var pointEnd = point.Address + point.Width;
            var limit = point.IsBit ? ModbusTcpClient.MaxReadBits : ModbusTcpClient.MaxReadRegisters;
            var joins = type == point.RegisterType
                && point.Address <= end + maxGap
                && Math.Max(end, pointEnd) - start <= limit;
            if (joins)
            {
                end = Math.Max(end, pointEnd);
                members.Add(index);
                continue;
            }

            Flush();
            type = point.RegisterType;
            start = point.Address;
            end = pointEnd;
            members.Add(index);
        }

        Flush();
        return blocks;

        void Flush()
        {
            if (type is { } t && members.Count > 0)
            {
                blocks.Add(new ModbusReadBlock(t, (ushort)start, end - start, [.. members]));
                members.Clear();
            }
        }
    }
}
