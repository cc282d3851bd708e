namespace WebMacs.Ingestion;

/// <summary>The last committed value of one event within a group of batches, and who submitted it (<see cref="IngestBatch.Origin"/>).</summary>
internal readonly record struct LatestValue(int EventId, Guid EventPublicId, double Value, DateTime Timestamp, object? Origin = null);

/// <summary>
/// Something that reacts to committed datapoints off the writer's critical path (the rules engine, the
/// <c>sensor.reading</c> webhooks). It sees the last value of each event per group of committed batches, in the order
/// the events first appeared; an exception is logged and does not stop the others.
/// </summary>
internal interface ICommittedDataObserver
{
    ValueTask OnCommittedAsync(IReadOnlyList<LatestValue> latest, CancellationToken cancellationToken);
}
