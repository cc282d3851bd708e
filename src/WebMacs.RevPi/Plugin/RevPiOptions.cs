using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using System.Text.Json.Serialization;
using WebMacs.Plugins;

namespace WebMacs.RevPi;

/// <summary>
/// Configures the Revolution Pi plugin. A plugin instance binds these from its <c>config_json</c> (snake_case names:
/// <c>image_path</c>, <c>config_path</c>, <c>device_filter</c>, <c>signed_ios</c>, <c>safe_values</c>); the host binds
/// them from <c>WebMacs:RevPi</c>, and those host values are the defaults for every instance's RevPi settings.
/// </summary>
#pragma warning disable SYSLIB1212 // RetryPolicy (declared by the SDK) is validated by RevPiOptionsValidator through its own generated validator.
public sealed class RevPiOptions : PluginInstanceOptions
#pragma warning restore SYSLIB1212
{
    /// <summary>Gets the configuration section the host options bind from.</summary>
    public const string SectionName = "WebMacs:RevPi";

    /// <summary>Gets the default process image: the piControl character device.</summary>
    public const string DefaultImagePath = "/dev/piControl0";

    /// <summary>Gets the default piCtory configuration path.</summary>
    public const string DefaultConfigPath = "/etc/revpi/config.rsc";

    /// <summary>Gets or sets the process image to read and write: <c>/dev/piControl0</c> on a RevPi, any 4096-byte file elsewhere.</summary>
    [Required(AllowEmptyStrings = false)]
    [StringLength(4096, MinimumLength = 1)]
    [Description("Process image: the piControl device or a file.")]
    public string ImagePath { get; set; } = DefaultImagePath;

    /// <summary>
    /// Gets or sets the piCtory configuration (<c>config.rsc</c>). Older images keep it at
    /// <c>/var/www/pictory/projects/_config.rsc</c>. When the file does not exist the plugin offers the 28 fallback
    /// channels (<c>Input_1</c>…<c>Input_14</c>, <c>Output_1</c>…<c>Output_14</c>) and can only run in demo mode.
    /// </summary>
    [Required(AllowEmptyStrings = false)]
    [StringLength(4096, MinimumLength = 1)]
    [Description("piCtory configuration file (config.rsc).")]
    public string ConfigPath { get; set; } = DefaultConfigPath;

    /// <summary>
    /// Gets the devices whose I/Os become channels, each matched by piCtory name, equipment identifier (<c>bmk</c>) or
    /// position; empty means every device.
    /// </summary>
    [Description("Devices to include (name, bmk or position); empty includes all.")]
    [JsonObjectCreationHandling(JsonObjectCreationHandling.Populate)]
    public IList<string> DeviceFilter { get; } = [];

    /// <summary>Gets the names of byte, word and double-word I/Os to read and write as signed (two's complement) numbers.</summary>
    [Description("I/O names whose values are signed (two's complement).")]
    [JsonObjectCreationHandling(JsonObjectCreationHandling.Populate)]
    public IList<string> SignedIos { get; } = [];

    /// <summary>
    /// Gets the safe values of outputs by I/O name, written on disconnect and by the safe state; an output not listed
    /// here gets its piCtory default value.
    /// </summary>
    [Description("Safe value per output name; others use the piCtory default.")]
    [JsonObjectCreationHandling(JsonObjectCreationHandling.Populate)]
    public IDictionary<string, double> SafeValues { get; } = new Dictionary<string, double>(StringComparer.Ordinal);
}
