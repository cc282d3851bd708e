namespace WebMacs.Acquisition;

/// <summary>
/// Where the acquisition engine hands its samples: in-process straight into the ingestion pipeline
/// (<see cref="PipelineTelemetrySink"/>), or on a controller the uplink to the backend. Called concurrently by the
/// instances' poll loops, each call with at most <see cref="AcquisitionOptions.MaxBatchSize"/> samples of one instance.
/// </summary>
internal interface ITelemetrySink
{
    /// <summary>
    /// Takes a batch of samples. Returns when the sink has taken responsibility for them (queued or stored); it may
    /// wait to push back on the poll loop. Throws when the samples cannot be taken; the engine logs and drops them.
    /// </summary>
    ValueTask PublishAsync(IReadOnlyList<AcquiredSample> samples, CancellationToken cancellationToken);
}
