using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;

namespace WebMacs.Acquisition;

/// <summary>
/// Configures the acquisition engine (<c>AddAcquisition()</c>): how often the plugin instances are re-read from the
/// database and the sub-second polling safeguards of reference §1.4. Bound from <c>WebMacs:Acquisition</c>. Each
/// instance's poll interval is its own <c>poll_interval_ms</c> (10–60000 ms).
/// </summary>
public sealed class AcquisitionOptions
{
    /// <summary>The configuration section the options are bound from.</summary>
    public const string SectionName = "WebMacs:Acquisition";

    /// <summary>
    /// Gets or sets how often the enabled instances and their channel mappings are re-read (default 10 s, the
    /// original's <c>plugin_sync_interval</c>). Changes made through the API in this process are picked up sooner.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.050", "01:00:00")]
    public TimeSpan SyncInterval { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Gets or sets the most samples handed to the telemetry sink at once (default 500, the backend's batch limit).</summary>
    [Range(1, 500)]
    public int MaxBatchSize { get; set; } = 500;

    /// <summary>
    /// Gets or sets a value indicating whether a channel whose value did not change since its last accepted sample is
    /// left out (default false; the original's <c>WEBMACS_DEDUP_ENABLED</c>).
    /// </summary>
    public bool DeduplicateUnchanged { get; set; }

    /// <summary>
    /// Gets or sets how many polls in a row may fail completely (no value and a new plugin error) before the instance is
    /// reported as failed, disconnected (outputs to their safe values) and reconnected with its back-off (default 3).
    /// </summary>
    [Range(1, 10_000)]
    public int FailedPollsBeforeReconnect { get; set; } = 3;

    /// <summary>
    /// Gets the plugin ids this host acquires (empty, the default: every instance). Where edge controllers serve some
    /// instances (e.g. <c>revpi</c>), a backend that also acquires lists only its own plugins here; instances of other
    /// plugins are then left alone, without a status report, so the controller's reports stand.
    /// </summary>
    public IList<string> PluginIds { get; } = [];
}

/// <summary>Validates <see cref="AcquisitionOptions"/> at start-up.</summary>
[OptionsValidator]
internal sealed partial class AcquisitionOptionsValidator : IValidateOptions<AcquisitionOptions>;
