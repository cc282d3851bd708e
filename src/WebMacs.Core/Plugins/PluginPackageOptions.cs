namespace WebMacs.Plugins;

/// <summary>
/// Configures where uploaded plugin packages are stored. Bound from <c>WebMacs:Plugins</c>; the original's
/// <c>WEBMACS_PLUGIN_DIR</c> is accepted too, and the section wins where both are set.
/// </summary>
public sealed class PluginPackageOptions
{
    /// <summary>Gets the configuration section these options bind from.</summary>
    public const string SectionName = "WebMacs:Plugins";

    /// <summary>
    /// Gets or sets the folder of uploaded plugin packages (<c>WEBMACS_PLUGIN_DIR</c>). Unset means <c>plugins</c> inside
    /// <see cref="WebMacsOptions.DataDirectory"/>. Uninstalling a package deletes its stored file only inside this folder.
    /// </summary>
    public string? PackageDirectory { get; set; }
}
