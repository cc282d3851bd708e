namespace WebMacs.Plugins;

/// <summary>
/// Describes a device plugin class (reference §4.2 <c>PluginMeta</c>). <see cref="Id"/> is what plugin instances name
/// as <c>plugin_id</c>: lowercase, no spaces (underscores are fine), stable across versions.
/// </summary>
public sealed record PluginDescriptor
{
    /// <summary>Gets the plugin id, e.g. <c>simulated</c> or <c>modbus_sensor</c>.</summary>
    public required string Id { get; init; }

    /// <summary>Gets the display name.</summary>
    public required string Name { get; init; }

    /// <summary>Gets the plugin version (independent of the package version).</summary>
    public required string Version { get; init; }

    /// <summary>Gets the vendor, or an empty string.</summary>
    public string Vendor { get; init; } = "";

    /// <summary>Gets a one-line description, or an empty string.</summary>
    public string Description { get; init; } = "";

    /// <summary>Gets the protocol the plugin speaks (e.g. <c>modbus-tcp</c>), or an empty string.</summary>
    public string Protocol { get; init; } = "";

    /// <summary>Gets the home page of the plugin, or an empty string.</summary>
    public string Url { get; init; } = "";

    /// <summary>Gets free-form tags such as <c>monitoring</c> or <c>builtin</c>.</summary>
    public IReadOnlyList<string> Tags { get; init; } = [];
}
