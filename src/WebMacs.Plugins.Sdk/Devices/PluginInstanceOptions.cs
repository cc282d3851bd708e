using System.ComponentModel;
using System.ComponentModel.DataAnnotations;

namespace WebMacs.Plugins;

/// <summary>
/// Holds the settings every plugin instance has (reference §4.3), bound from the instance's <c>config_json</c> with
/// snake_case names (<c>instance_name</c>, <c>demo_mode</c>, <c>poll_interval_ms</c>, <c>retry_policy</c>). Plugins
/// add their own settings in a subclass with DataAnnotations bounds; unknown keys are ignored.
/// </summary>
public class PluginInstanceOptions
{
    /// <summary>Gets or sets the instance name (at most 100 characters); empty means the plugin's display name.</summary>
    [StringLength(100)]
    [Description("Name of this plugin instance.")]
    [Display(Order = 0)]
    public string InstanceName { get; set; } = "";

    /// <summary>Gets or sets whether the instance simulates its channels instead of talking to the device (default true).</summary>
    [Description("Simulate the channels instead of talking to the device.")]
    [Display(Order = 1)]
    public bool DemoMode { get; set; } = true;

    /// <summary>Gets or sets how often the instance is polled, in milliseconds (10–60000, default 1000).</summary>
    [Range(10, 60000)]
    [Description("Polling interval in milliseconds.")]
    [Display(Order = 2)]
    public int PollIntervalMs { get; set; } = 1000;

    /// <summary>Gets or sets how a failed connection is retried.</summary>
    [Description("How a failed connection is retried.")]
    public RetryPolicy RetryPolicy { get; set; } = new();
}
