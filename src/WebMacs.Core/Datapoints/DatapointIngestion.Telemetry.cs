namespace WebMacs.Datapoints;

/// <summary>One telemetry item: a finite value, its event and, optionally, the client's sampling time (UTC).</summary>
internal readonly record struct TelemetryItem(double Value, Guid EventPublicId, DateTime? Timestamp);

/// <summary>A telemetry batch's (source, seq) pair of the ack/dedup extension.</summary>
internal readonly record struct TelemetrySequence(string Source, long Seq);
