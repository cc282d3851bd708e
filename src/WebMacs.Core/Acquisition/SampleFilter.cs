using WebMacs.Plugins;

namespace WebMacs.Acquisition;

/// <summary>
/// Turns one poll's readings into samples, applying the sub-second safeguards of reference §1.4 per channel: only
/// channels mapped to an event, no null or non-finite values, at most one sample per channel per half poll interval on
/// the monotonic clock (a late tick followed by a punctual one still gets both; a plugin reporting a channel twice in
/// one poll does not), and, when enabled, no unchanged values. One poll loop owns it.
/// </summary>
internal sealed class SampleFilter(Guid instanceId, TimeSpan interval, bool deduplicate, TimeProvider time)
{
    private readonly Dictionary<string, (long At, double Value)> accepted = new(StringComparer.Ordinal);
    private readonly TimeSpan spacing = interval / 2;

    /// <summary>Gets how many readings were dropped as invalid (non-finite).</summary>
    public long Invalid { get; private set; }

    /// <summary>Gets how many readings the throttle or the dedup left out.</summary>
    public long Suppressed { get; private set; }

    /// <summary>Appends the samples of <paramref name="readings"/>, read at <paramref name="sampledAt"/> (UTC) and <paramref name="stamp"/> (monotonic).</summary>
    public void Collect(IReadOnlyList<ChannelReading> readings, IReadOnlyDictionary<string, Guid> mappings, DateTime sampledAt, long stamp, List<AcquiredSample> samples)
    {
        ArgumentNullException.ThrowIfNull(readings);
        ArgumentNullException.ThrowIfNull(mappings);
        ArgumentNullException.ThrowIfNull(samples);
        foreach (var reading in readings)
        {
            if (reading?.Value is not { } value || !mappings.TryGetValue(reading.ChannelId, out var eventId))
            {
                continue;
            }

            if (!double.IsFinite(value))
            {
                Invalid++;
                continue;
            }

            if (accepted.TryGetValue(reading.ChannelId, out var last))
            {
                if (time.GetElapsedTime(last.At, stamp) < spacing)
                {
                    Suppressed++;
                    continue;
                }

                if (deduplicate && last.Value.Equals(value))
                {
                    // The throttle window restarts from this read (reference §2.7 step 3).
                    accepted[reading.ChannelId] = (stamp, value);
                    Suppressed++;
                    continue;
                }
            }

            accepted[reading.ChannelId] = (stamp, value);
            samples.Add(new AcquiredSample(instanceId, reading.ChannelId, eventId, value, sampledAt));
        }
    }
}
