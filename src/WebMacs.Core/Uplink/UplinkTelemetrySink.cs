using WebMacs.Acquisition;

namespace WebMacs.Uplink;

/// <summary>The acquisition engine's sink on an edge controller: samples go into the on-disk buffer that the uplink drains.</summary>
internal sealed class UplinkTelemetrySink(TelemetryBuffer buffer) : ITelemetrySink
{
    public ValueTask PublishAsync(IReadOnlyList<AcquiredSample> samples, CancellationToken cancellationToken)
    {
        buffer.Add(samples);
        return ValueTask.CompletedTask;
    }
}
