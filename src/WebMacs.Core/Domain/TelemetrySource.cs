namespace WebMacs.Domain;

/// <summary>
/// The highest telemetry sequence number committed for one source (the ack/dedup extension): written in the same
/// transaction as the datapoints of that batch, so a stored batch and its sequence number are never apart.
/// </summary>
internal sealed class TelemetrySource
{
    public int Id { get; set; }
    public required string Source { get; set; }
    public long LastSeq { get; set; }
    public DateTime UpdatedOn { get; set; }
}
