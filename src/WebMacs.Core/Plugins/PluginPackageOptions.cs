using System.ComponentModel.DataAnnotations;

namespace WebMacs.Plugins;

/// <summary>
/// Configures where uploaded plugin packages (<c>.nupkg</c>) are stored and how large they may be. Bound from
/// <c>WebMacs:Plugins</c>; the original's <c>WEBMACS_PLUGIN_DIR</c> is accepted too, and the section wins where both are set.
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

    /// <summary>Gets or sets the largest package file accepted, in bytes (default 50 MiB, as the original's wheel limit).</summary>
    [Range(1, long.MaxValue)]
    public long MaxPackageBytes { get; set; } = 50L * 1024 * 1024;

    /// <summary>
    /// Gets or sets the most bytes a package may expand to (the <c>.nuspec</c> and everything under <c>lib/net10.0/</c>;
    /// default 200 MiB). Guards against zip bombs together with a limit on the compression ratio of each entry.
    /// </summary>
    [Range(1, long.MaxValue)]
    public long MaxExtractedBytes { get; set; } = 200L * 1024 * 1024;

    /// <summary>Gets or sets the most entries a package archive may hold (default 2,000).</summary>
    [Range(1, 1_000_000)]
    public int MaxEntries { get; set; } = 2000;
}
