using System.ComponentModel.DataAnnotations;

namespace WebMacs.Ota;

/// <summary>
/// Configures the over-the-air update routes: where the GitHub release check looks, where bundles and downloaded
/// firmware are stored, and the limits of both. Bound from <c>WebMacs:Ota</c>; the original's <c>GITHUB_REPO</c> and
/// <c>WEBMACS_UPDATE_DIR</c> are accepted too, and the section wins where both are set.
/// </summary>
public sealed class OtaOptions
{
    /// <summary>Gets the configuration section these options bind from.</summary>
    public const string SectionName = "WebMacs:Ota";

    /// <summary>Gets the largest bundle <c>POST /api/v1/ota/upload</c> accepts by default: 500 MiB, as the original.</summary>
    public const long DefaultMaxBundleBytes = 500L * 1024 * 1024;

    /// <summary>
    /// Gets or sets the <c>owner/name</c> of the repository whose latest release the update check reports
    /// (<c>GITHUB_REPO</c>, default <c>stefanposs/webmacs</c>). Empty skips the GitHub check with an error text.
    /// </summary>
    public string? GitHubRepo { get; set; } = "stefanposs/webmacs";

    /// <summary>Gets or sets the base address of the GitHub REST API (default <c>https://api.github.com/</c>).</summary>
    [Required]
    public Uri GitHubApiUrl { get; set; } = new("https://api.github.com/");

    /// <summary>Gets or sets how long the GitHub release check may take (default 8 seconds).</summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "00:10:00")]
    public TimeSpan GitHubTimeout { get; set; } = TimeSpan.FromSeconds(8);

    /// <summary>Gets or sets how long a firmware download may wait for the server, per read (default 30 seconds).</summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "01:00:00")]
    public TimeSpan DownloadTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Gets or sets the folder for uploaded bundles and downloaded firmware (<c>WEBMACS_UPDATE_DIR</c>). Unset means
    /// <c>updates</c> inside <see cref="WebMacsOptions.DataDirectory"/>.
    /// </summary>
    public string? UpdateDirectory { get; set; }

    /// <summary>Gets or sets the largest bundle an upload may carry, in bytes (default 500 MiB).</summary>
    [Range(1L, long.MaxValue)]
    public long MaxBundleBytes { get; set; } = DefaultMaxBundleBytes;
}
