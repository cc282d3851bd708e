using System.ComponentModel.DataAnnotations;

namespace WebMacs.Plugins.Tests.Devices;

/// <summary>Settings of <see cref="FakeDevice"/>: a host and a port, like a network device.</summary>
public sealed class FakeDeviceOptions : PluginInstanceOptions
{
    [Required]
    [StringLength(255, MinimumLength = 1)]
    public string Host { get; set; } = "127.0.0.1";

    [Range(1, 65535)]
    public int Port { get; set; } = 502;
}
