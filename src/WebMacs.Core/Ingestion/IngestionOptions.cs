using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;

namespace WebMacs.Ingestion;

/// <summary>Tunes the ingestion pipeline (bounded queue and batched writer). Bound from <c>WebMacs:Ingestion</c>.</summary>
public sealed class IngestionOptions
{
    /// <summary>The configuration section the options are bound from.</summary>
    public const string SectionName = "WebMacs:Ingestion";

    /// <summary>
    /// Gets or sets how many batches may wait for the writer (default 1024). When the queue is full, submitters wait
    /// (back-pressure reaches the sockets); nothing is dropped.
    /// </summary>
    [Range(1, 1_000_000)]
    public int QueueCapacity { get; set; } = 1024;

    /// <summary>Gets or sets the most rows the writer puts into one transaction (default 20,000).</summary>
    [Range(1, 1_000_000)]
    public int MaxRowsPerWrite { get; set; } = 20_000;

    /// <summary>
    /// Gets or sets how long the writer may wait for more rows before it writes a group that is not full
    /// (default 0: it writes whatever is queued at once; batches still merge while a write is running). At most 50 ms.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:00:00.050")]
    public TimeSpan MaxWriteDelay { get; set; } = TimeSpan.Zero;

    /// <summary>
    /// Gets or sets how many telemetry messages of one connection may wait for their commit at once (default 32);
    /// acknowledgements still come in order.
    /// </summary>
    [Range(1, 10_000)]
    public int MaxInFlightPerConnection { get; set; } = 32;

    /// <summary>
    /// Gets or sets how long the cached events, channel linkage and running experiment stay trusted when nothing in this
    /// process changed them (default 5 s; other hosts on the same database are seen after at most this long).
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "01:00:00")]
    public TimeSpan CacheRefreshInterval { get; set; } = TimeSpan.FromSeconds(5);
}

/// <summary>Validates <see cref="IngestionOptions"/> at start-up.</summary>
[OptionsValidator]
internal sealed partial class IngestionOptionsValidator : IValidateOptions<IngestionOptions>;
