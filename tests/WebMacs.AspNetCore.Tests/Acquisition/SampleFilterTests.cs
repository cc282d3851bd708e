using Microsoft.Extensions.Time.Testing;
using WebMacs.Acquisition;
using WebMacs.Plugins;

namespace WebMacs.AspNetCore.Tests.Acquisition;

/// <summary>The sub-second safeguards applied to one poll's readings (reference §1.4).</summary>
public sealed class SampleFilterTests
{
    private static readonly Guid Instance = Guid.NewGuid();
    private static readonly Guid EventA = Guid.NewGuid();
    private static readonly Guid EventB = Guid.NewGuid();
    private static readonly DateTime At = new(2026, 3, 4, 5, 6, 7, DateTimeKind.Utc);
    private static readonly Dictionary<string, Guid> Mappings = new() { ["a"] = EventA, ["b"] = EventB };

    [Fact]
    public void Collect_UnmappedNullAndNonFiniteReadings_OnlyMappedFiniteValuesBecomeSamples()
    {
        var time = new FakeTimeProvider();
        var filter = new SampleFilter(Instance, TimeSpan.FromMilliseconds(100), deduplicate: false, time);
        var samples = new List<AcquiredSample>();

        filter.Collect([new("a", 1.5), new("b", null), new("c", 3), new("b", double.NaN)], Mappings, At, time.GetTimestamp(), samples);

        Assert.Equal([new AcquiredSample(Instance, "a", EventA, 1.5, At)], samples);
        Assert.Equal(1, filter.Invalid);
    }

    [Fact]
    public void Collect_SameChannelWithinHalfAnInterval_IsAcceptedOnce()
    {
        var time = new FakeTimeProvider();
        var filter = new SampleFilter(Instance, TimeSpan.FromMilliseconds(100), deduplicate: false, time);
        var samples = new List<AcquiredSample>();

        filter.Collect([new("a", 1), new("a", 2)], Mappings, At, time.GetTimestamp(), samples);
        time.Advance(TimeSpan.FromMilliseconds(49));
        filter.Collect([new("a", 3)], Mappings, At, time.GetTimestamp(), samples);
        time.Advance(TimeSpan.FromMilliseconds(1));
        filter.Collect([new("a", 4)], Mappings, At, time.GetTimestamp(), samples);

        Assert.Equal([1.0, 4.0], samples.Select(s => s.Value));
        Assert.Equal(2, filter.Suppressed);
    }

    [Fact]
    public void Collect_DeduplicationOn_UnchangedValueIsLeftOutAndChangedOneSent()
    {
        var time = new FakeTimeProvider();
        var filter = new SampleFilter(Instance, TimeSpan.FromMilliseconds(10), deduplicate: true, time);
        var samples = new List<AcquiredSample>();

        foreach (var value in new[] { 1.0, 1.0, 2.0, 2.0, 1.0 })
        {
            filter.Collect([new ChannelReading("b", value)], Mappings, At, time.GetTimestamp(), samples);
            time.Advance(TimeSpan.FromMilliseconds(10));
        }

        Assert.Equal([1.0, 2.0, 1.0], samples.Select(s => s.Value));
    }
}
