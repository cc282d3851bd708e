using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace WebMacs.Plugins.Modbus;

/// <summary>
/// Exposes the coils, discrete inputs, holding and input registers of one Modbus TCP unit as WebMacs channels
/// (plugin id <c>modbus_sensor</c>, reference §5.5). Inputs are read in as few requests as the register map allows;
/// writes use FC 05/06 for single coils and registers and FC 16 for multi-register values.
/// </summary>
public sealed partial class ModbusPlugin : DevicePlugin<ModbusOptions>
{
    private static readonly PluginDescriptor Meta = new()
    {
        Id = "modbus_sensor",
        Name = "Modbus TCP Sensor",
        Version = "0.1.0",
        Vendor = "WebMacs for .NET",
        Description = "Reads and writes coils and registers of a Modbus TCP device.",
        Protocol = "modbus-tcp",
        Url = "https://github.com/webmacs-dotnet/webmacs/tree/main/samples/plugins/WebMacs.Plugins.Modbus",
        Tags = ["modbus", "industrial", "sensor", "actuator"],
    };

    private readonly ILoggerFactory? _loggerFactory;
    private ModbusChannelLayout? _layout;
    private ModbusTcpClient? _client;

    /// <summary>Creates the plugin with the system clock and no logging.</summary>
    public ModbusPlugin()
    {
    }

    /// <summary>Creates the plugin with a clock (demo signals and request timeouts) and logging.</summary>
    /// <param name="timeProvider">The clock; null uses the system clock.</param>
    /// <param name="loggerFactory">Creates the plugin's and the client's loggers; null logs nothing.</param>
    [ActivatorUtilitiesConstructor]
    public ModbusPlugin(TimeProvider? timeProvider = null, ILoggerFactory? loggerFactory = null)
        : base(timeProvider, loggerFactory?.CreateLogger<ModbusPlugin>())
    {
        _loggerFactory = loggerFactory;
    }

    /// <inheritdoc />
    public override PluginDescriptor Descriptor => Meta;

    /// <summary>Gets the client of the current connection (for tests), or null when not connected.</summary>
    internal ModbusTcpClient? Connection => _client;

    /// <inheritdoc />
    protected override void OnConfiguring(ModbusOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _ = ModbusChannelLayout.Build(options, Meta.Id);
    }

    /// <inheritdoc />
    protected override IReadOnlyList<ChannelDescriptor> GetChannels()
    {
        var layout = ModbusChannelLayout.Build(Options!, Meta.Id);
        _layout = layout;
        return layout.Channels;
    }

    /// <inheritdoc />
    protected override async ValueTask ConnectCoreAsync(CancellationToken ct)
    {
        var options = Options!;
        if (_client is not null)
        {
            await _client.DisposeAsync().ConfigureAwait(false);
        }

        _client = new ModbusTcpClient(
            options.Host,
            options.Port,
            (byte)options.UnitId,
            TimeSpan.FromMilliseconds(options.TimeoutMs),
            TimeProvider,
            _loggerFactory?.CreateLogger<ModbusTcpClient>());
        await _client.ConnectAsync(ct).ConfigureAwait(false);
    }

    /// <inheritdoc />
    protected override async ValueTask DisconnectCoreAsync(CancellationToken ct)
    {
        var client = _client;
        _client = null;
        if (client is not null)
        {
            await client.DisposeAsync().ConfigureAwait(false);
        }
    }

    /// <inheritdoc />
    protected override async ValueTask DisposeCoreAsync()
    {
        await DisconnectCoreAsync(CancellationToken.None).ConfigureAwait(false);
        await base.DisposeCoreAsync().ConfigureAwait(false);
    }

    /// <inheritdoc />
    protected override async ValueTask<double?> ReadCoreAsync(string channelId, CancellationToken ct)
    {
        var point = Point(channelId);
        var client = Client();
        try
        {
            if (point.IsBit)
            {
                var bit = new bool[1];
                await client.ReadBitsAsync(BitFunction(point.RegisterType), point.Address, bit, ct).ConfigureAwait(false);
                return bit[0] ? 1 : 0;
            }

            var registers = new ushort[point.Width];
            await client.ReadRegistersAsync(RegisterFunction(point.RegisterType), point.Address, registers, ct).ConfigureAwait(false);
            return ModbusValueCodec.Decode(registers, point.DataType, point.WordOrder, point.ByteOrder);
        }
        catch (TimeoutException ex)
        {
            throw new PluginTimeoutException(Meta.Id, ex.Message, ex);
        }
    }

    /// <inheritdoc />
    protected override async ValueTask WriteCoreAsync(string channelId, double raw, CancellationToken ct)
    {
        var point = Point(channelId);
        var client = Client();
        var multiple = Options!.UseMultipleWriteFunctions;
        try
        {
            if (point.IsBit)
            {
                var on = Math.Round(raw, MidpointRounding.AwayFromZero) != 0;
                if (multiple)
                {
                    await client.WriteMultipleCoilsAsync(point.Address, new[] { on }, ct).ConfigureAwait(false);
                }
                else
                {
                    await client.WriteSingleCoilAsync(point.Address, on, ct).ConfigureAwait(false);
                }

                return;
            }

            var registers = new ushort[point.Width];
            ModbusValueCodec.Encode(raw, registers, point.DataType, point.WordOrder, point.ByteOrder);
            if (registers.Length == 1 && !multiple)
            {
                await client.WriteSingleRegisterAsync(point.Address, registers[0], ct).ConfigureAwait(false);
            }
            else
            {
                await client.WriteMultipleRegistersAsync(point.Address, registers, ct).ConfigureAwait(false);
            }
        }
        catch (TimeoutException ex)
        {
            throw new PluginTimeoutException(Meta.Id, ex.Message, ex);
        }
        catch (IOException ex)
        {
            throw new PluginConnectionException(Meta.Id, ex.Message, ex);
        }
    }

    private ModbusPoint Point(string channelId) =>
        _layout is { } layout && layout.Points.TryGetValue(channelId, out var point)
            ? point
            : throw new ChannelNotFoundException(Meta.Id, channelId);

    private ModbusTcpClient Client() =>
        _client ?? throw new PluginStateException(Meta.Id, State, "connected");

    private static ModbusFunctionCode BitFunction(ModbusRegisterType type) =>
        type == ModbusRegisterType.Coil ? ModbusFunctionCode.ReadCoils : ModbusFunctionCode.ReadDiscreteInputs;

    private static ModbusFunctionCode RegisterFunction(ModbusRegisterType type) =>
        type == ModbusRegisterType.HoldingRegister ? ModbusFunctionCode.ReadHoldingRegisters : ModbusFunctionCode.ReadInputRegisters;
}
