using System.ComponentModel;
using System.ComponentModel.DataAnnotations;

namespace WebMacs.Plugins.Modbus;

/// <summary>
/// Holds the settings of one Modbus TCP plugin instance, bound from its <c>config_json</c> (snake_case names:
/// <c>host</c>, <c>port</c>, <c>unit_id</c>, <c>timeout_ms</c>, <c>channels</c>, …) on top of the common
/// <see cref="PluginInstanceOptions"/>.
/// </summary>
public sealed class ModbusOptions : PluginInstanceOptions
{
    /// <summary>Gets or sets the Modbus server's host name or IP address (1–255 characters, default 192.168.1.1).</summary>
    [Required]
    [StringLength(255, MinimumLength = 1)]
    [Description("IP address or host name of the Modbus TCP server.")]
    [Display(Order = 10)]
    public string Host { get; set; } = "192.168.1.1";

    /// <summary>Gets or sets the Modbus server's TCP port (1–65535, default 502).</summary>
    [Range(1, 65535)]
    [Description("TCP port of the Modbus server.")]
    [Display(Order = 11)]
    public int Port { get; set; } = ModbusTcpClient.DefaultPort;

    /// <summary>Gets or sets the unit (slave) id of the device (0–247, default 1).</summary>
    [Range(0, 247)]
    [Description("Modbus unit (slave) id.")]
    [Display(Order = 12)]
    public int UnitId { get; set; } = 1;

    /// <summary>Gets or sets the time one request, including a connect, may take, in milliseconds (500–30000, default 3000).</summary>
    [Range(500, 30000)]
    [Description("Connect and request timeout in milliseconds.")]
    [Display(Order = 13)]
    public int TimeoutMs { get; set; } = 3000;

    /// <summary>
    /// Gets or sets how many unused registers (or bits) a block read may span between two channels (0–100, default 0:
    /// only channels whose registers touch are read together). A gap over addresses the device does not map makes
    /// the block fail with an illegal-address exception.
    /// </summary>
    [Range(0, 100)]
    [Description("Unused registers a block read may span between two channels.")]
    [Display(Order = 14)]
    public int MaxRegisterGap { get; set; }

    /// <summary>
    /// Gets or sets whether single coils and registers are written with FC 15 and FC 16 instead of FC 05 and FC 06
    /// (for devices that only implement the multiple-write functions; default false).
    /// </summary>
    [Description("Write single coils and registers with FC 15/16 instead of FC 05/06.")]
    [Display(Order = 15)]
    public bool UseMultipleWriteFunctions { get; set; }

    /// <summary>
    /// Gets or sets the channels; empty (the default) gives the example register map: <c>temperature</c> (holding
    /// register 100, 0.1 °C), <c>flow_rate</c> (102, 0.01 L/min) and <c>valve_setpoint</c> (output, 200, 0.01 %).
    /// </summary>
    [Description("The registers exposed as channels; empty uses the example map.")]
    [Display(Order = 16)]
    public IReadOnlyList<ModbusChannelOptions> Channels { get; init; } = [];
}
