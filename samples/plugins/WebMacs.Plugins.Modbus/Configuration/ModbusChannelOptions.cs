using System.ComponentModel;
using System.ComponentModel.DataAnnotations;

namespace WebMacs.Plugins.Modbus;

/// <summary>
/// Describes one channel of a Modbus instance: where its value lives (<see cref="RegisterType"/>,
/// <see cref="Address"/>), how it is encoded (<see cref="DataType"/>, <see cref="WordOrder"/>, <see cref="ByteOrder"/>)
/// and how raw values map to engineering units (<c>engineering = raw · scale + offset</c>).
/// </summary>
public sealed class ModbusChannelOptions
{
    /// <summary>Gets or sets the channel id (letters, digits, <c>_</c>, <c>-</c> and <c>.</c>; unique in the instance).</summary>
    [Required]
    [RegularExpression("^[A-Za-z0-9_.-]{1,64}$", ErrorMessage = "must be 1-64 letters, digits, '_', '-' or '.'.")]
    [Description("Channel id, unique within the instance.")]
    public string Id { get; set; } = "";

    /// <summary>Gets or sets the display name; empty uses the id.</summary>
    [StringLength(100)]
    [Description("Display name.")]
    public string Name { get; set; } = "";

    /// <summary>Gets or sets the data table (default holding register).</summary>
    [Description("coil, discrete_input, holding_register or input_register.")]
    public ModbusRegisterType RegisterType { get; set; } = ModbusRegisterType.HoldingRegister;

    /// <summary>Gets or sets the zero-based address of the first register or bit (0–65535, as on the wire).</summary>
    [Range(0, 65535)]
    [Description("Zero-based address of the (first) register or bit.")]
    public int Address { get; set; }

    /// <summary>Gets or sets the encoding; null means <c>bool</c> for coils and discrete inputs, <c>uint16</c> for registers.</summary>
    [Description("bool, int16, uint16, int32, uint32, float32, int64, uint64 or float64.")]
    public ModbusDataType? DataType { get; set; }

    /// <summary>Gets or sets the order of the words of a multi-register value (default big: most significant first).</summary>
    [Description("big (most significant word first) or little (swapped words).")]
    public ModbusWordOrder WordOrder { get; set; } = ModbusWordOrder.Big;

    /// <summary>Gets or sets the order of the bytes inside each register (default big: high byte first).</summary>
    [Description("big (high byte first) or little (swapped bytes).")]
    public ModbusByteOrder ByteOrder { get; set; } = ModbusByteOrder.Big;

    /// <summary>Gets or sets the direction; null means input. Only coils and holding registers can be written.</summary>
    [Description("input, output or bidirectional.")]
    public ChannelDirection? Direction { get; set; }

    /// <summary>Gets or sets the factor from raw to engineering units (not 0; default 1).</summary>
    [Description("Engineering value = raw * scale + offset.")]
    public double Scale { get; set; } = 1;

    /// <summary>Gets or sets the offset added after scaling (default 0).</summary>
    [Description("Added after scaling.")]
    public double Offset { get; set; }

    /// <summary>Gets or sets the engineering unit (default <c>raw</c>).</summary>
    [StringLength(32, MinimumLength = 1)]
    [Description("Engineering unit.")]
    public string Unit { get; set; } = "raw";

    /// <summary>Gets or sets the lower bound in engineering units; null derives it from the data type and scaling.</summary>
    [Description("Lower bound in engineering units (writes are clamped to it).")]
    public double? MinValue { get; set; }

    /// <summary>Gets or sets the upper bound in engineering units; null derives it from the data type and scaling.</summary>
    [Description("Upper bound in engineering units (writes are clamped to it).")]
    public double? MaxValue { get; set; }

    /// <summary>Gets or sets the engineering value written on disconnect to an output or bidirectional channel; null writes nothing.</summary>
    [Description("Value written on disconnect (outputs only).")]
    public double? SafeValue { get; set; }
}
