namespace WebMacs.Plugins.Modbus;

/// <summary>One read request covering several channels: <paramref name="Count"/> registers (or bits) from <paramref name="Start"/>.</summary>
/// <param name="RegisterType">The data table.</param>
/// <param name="Start">The first address.</param>
/// <param name="Count">How many registers or bits the request reads.</param>
/// <param name="Members">The indices (into the planned list) of the channels the block serves.</param>
internal sealed record ModbusReadBlock(ModbusRegisterType RegisterType, ushort Start, int Count, IReadOnlyList<int> Members);
