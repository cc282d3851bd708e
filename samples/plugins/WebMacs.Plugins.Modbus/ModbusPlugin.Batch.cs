using System.Buffers;
using Microsoft.Extensions.Logging;

namespace WebMacs.Plugins.Modbus;

public sealed partial class ModbusPlugin
{
    /// <summary>
    /// Reads every input in as few requests as possible: channels whose registers (or bits) are adjacent — or within
    /// <see cref="ModbusOptions.MaxRegisterGap"/> of each other — share one FC 01/02/03/04 request of at most 125
    /// registers or 2000 bits. A block the device refuses (a Modbus exception) gives null for its channels and is
    /// counted; the other blocks are still read. A timeout or a broken connection fails the whole poll.
    /// </summary>
    /// <param name="inputs">The readable channels.</param>
    /// <param name="results">Receives the raw values, by the index of <paramref name="inputs"/>.</param>
    /// <param name="ct">Cancels the reads.</param>
    /// <returns>A task that completes when every block was read.</returns>
    protected override async ValueTask ReadInputsCoreAsync(IReadOnlyList<ChannelDescriptor> inputs, double?[] results, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        ArgumentNullException.ThrowIfNull(results);
        var client = Client();
        var layout = _layout!;
        var points = new ModbusPoint?[inputs.Count];
        for (var i = 0; i < inputs.Count; i++)
        {
            points[i] = layout.Points.GetValueOrDefault(inputs[i].Id);
        }

        foreach (var block in ModbusReadPlanner.Plan(points, Options!.MaxRegisterGap))
        {
            try
            {
                if (block.RegisterType is ModbusRegisterType.Coil or ModbusRegisterType.DiscreteInput)
                {
                    await ReadBitBlockAsync(client, block, points, results, ct).ConfigureAwait(false);
                }
                else
                {
                    await ReadRegisterBlockAsync(client, block, points, results, ct).ConfigureAwait(false);
                }
            }
            catch (ModbusException ex)
            {
                var ids = string.Join(", ", block.Members.Select(i => inputs[i].Id));
                RecordError($"Read of channels {ids} failed: {ex.Message}");
                Log.BlockFailed(Logger, ex, Meta.Id, InstanceName, ids);
                foreach (var member in block.Members)
                {
                    results[member] = null;
                }
            }
            catch (TimeoutException ex)
            {
                throw new PluginTimeoutException(Meta.Id, ex.Message, ex);
            }
        }
    }

    private static async ValueTask ReadBitBlockAsync(
        ModbusTcpClient client, ModbusReadBlock block, ModbusPoint?[] points, double?[] results, CancellationToken ct)
    {
        var bits = ArrayPool<bool>.Shared.Rent(block.Count);
        try
        {
            await client.ReadBitsAsync(BitFunction(block.RegisterType), block.Start, bits.AsMemory(0, block.Count), ct).ConfigureAwait(false);
            foreach (var member in block.Members)
            {
                results[member] = bits[points[member]!.Address - block.Start] ? 1 : 0;
            }
        }
        finally
        {
            ArrayPool<bool>.Shared.Return(bits);
        }
    }

    private static async ValueTask ReadRegisterBlockAsync(
        ModbusTcpClient client, ModbusReadBlock block, ModbusPoint?[] points, double?[] results, CancellationToken ct)
    {
        var registers = ArrayPool<ushort>.Shared.Rent(block.Count);
        try
        {
            await client.ReadRegistersAsync(RegisterFunction(block.RegisterType), block.Start, registers.AsMemory(0, block.Count), ct).ConfigureAwait(false);
            foreach (var member in block.Members)
            {
                var point = points[member]!;
                results[member] = ModbusValueCodec.Decode(
                    registers.AsSpan(point.Address - block.Start, point.Width), point.DataType, point.WordOrder, point.ByteOrder);
            }
        }
        finally
        {
            ArrayPool<ushort>.Shared.Return(registers);
        }
    }

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Warning, "Plugin {PluginId} instance {InstanceName}: block read of channels {ChannelIds} failed")]
        public static partial void BlockFailed(ILogger logger, Exception exception, string pluginId, string instanceName, string channelIds);
    }
}
