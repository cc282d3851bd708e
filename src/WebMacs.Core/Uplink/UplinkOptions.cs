using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;

namespace WebMacs.Uplink;

/// <summary>
/// Configures the telemetry uplink of an edge controller (<c>AddUplink()</c>): where the backend is, who this controller
/// is, and the on-disk store-and-forward buffer. Bound from <c>WebMacs:Uplink</c>; the original controller's
/// <c>WEBMACS_SERVER_URL</c>/<c>SERVER_URL</c> and <c>WEBMACS_API_TOKEN</c> are read too.
/// </summary>
public sealed class UplinkOptions
{
    /// <summary>The configuration section the options are bound from.</summary>
    public const string SectionName = "WebMacs:Uplink";

    /// <summary>Gets or sets the backend's base URL, e.g. <c>https://webmacs.lab:8000</c> (required).</summary>
    [Required]
    public Uri? BackendUrl { get; set; }

    /// <summary>Gets or sets the API token (<c>wm_…</c>) the controller authenticates with (required).</summary>
    [Required]
    [MinLength(1)]
    public string? ApiToken { get; set; }

    /// <summary>Gets or sets the name this controller's batches carry as <c>source</c> (default: the machine name).</summary>
    [StringLength(200, MinimumLength = 1)]
    public string Source { get; set; } = Environment.MachineName;

    /// <summary>Gets or sets the folder of the store-and-forward buffer (default <c>uplink</c> under the data folder).</summary>
    public string? BufferDirectory { get; set; }

    /// <summary>
    /// Gets or sets whether the controller downloads the plugin packages the backend offers
    /// (<c>GET /api/v1/plugins/packages</c>), checks them like the backend does and loads them, and unloads those the
    /// backend no longer offers (default true).
    /// </summary>
    public bool DownloadPackages { get; set; } = true;

    /// <summary>
    /// Gets or sets the folder of the downloaded plugin packages, relative to the data folder (default: beside the
    /// buffer folder, named like it with <c>-packages</c>, e.g. <c>uplink-packages</c>). They stay there so a controller
    /// restarted while the backend is unreachable loads the last good packages.
    /// </summary>
    public string? PackageDirectory { get; set; }

    /// <summary>Gets or sets the most bytes the buffer keeps (default 512 MiB); beyond it the oldest batches are dropped and counted.</summary>
    [Range(1024, long.MaxValue)]
    public long MaxBufferBytes { get; set; } = 512L * 1024 * 1024;

    /// <summary>Gets or sets the oldest data the buffer keeps (default 7 days); older batches are dropped and counted.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "365.00:00:00")]
    public TimeSpan MaxBufferAge { get; set; } = TimeSpan.FromDays(7);

    /// <summary>Gets or sets the most datapoints per batch (default 500, the backend's limit).</summary>
    [Range(1, 500)]
    public int MaxBatchItems { get; set; } = 500;

    /// <summary>Gets or sets how long samples may wait for a batch to fill before it is sealed (default 200 ms).</summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "00:01:00")]
    public TimeSpan FlushInterval { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>Gets or sets how many batches may wait for their ack at once (default 16).</summary>
    [Range(1, 1000)]
    public int MaxInFlight { get; set; } = 16;

    /// <summary>Gets or sets the first reconnect delay (default 1 s); it doubles per failure, with jitter, up to <see cref="MaxReconnectDelay"/>.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "01:00:00")]
    public TimeSpan MinReconnectDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Gets or sets the longest reconnect delay (default 60 s).</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "01:00:00")]
    public TimeSpan MaxReconnectDelay { get; set; } = TimeSpan.FromSeconds(60);
}

/// <summary>Validates <see cref="UplinkOptions"/> at start-up.</summary>
[OptionsValidator]
internal sealed partial class UplinkOptionsValidator : IValidateOptions<UplinkOptions>;
