using System.ComponentModel;
using System.ComponentModel.DataAnnotations;

namespace WebMacs.Plugins.SystemMonitor;

/// <summary>The options of the <c>system</c> plugin: where the kernel's files are and which disk to watch.</summary>
public sealed class SystemMonitorOptions : PluginInstanceOptions
{
    /// <summary>Gets or sets the procfs mount point (default <c>/proc</c>).</summary>
    [Required]
    [StringLength(4096, MinimumLength = 1)]
    [Description("Mount point of procfs.")]
    [Display(Order = 10)]
    public string ProcRoot { get; set; } = "/proc";

    /// <summary>Gets or sets the sysfs mount point (default <c>/sys</c>).</summary>
    [Required]
    [StringLength(4096, MinimumLength = 1)]
    [Description("Mount point of sysfs.")]
    [Display(Order = 11)]
    public string SysRoot { get; set; } = "/sys";

    /// <summary>Gets or sets a path on the disk whose usage is reported (default <c>/</c>).</summary>
    [Required]
    [StringLength(4096, MinimumLength = 1)]
    [Description("A path on the disk whose usage is reported.")]
    [Display(Order = 12)]
    public string DiskPath { get; set; } = "/";
}
