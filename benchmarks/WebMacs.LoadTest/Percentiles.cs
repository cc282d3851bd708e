using HdrHistogram;

namespace WebMacs.LoadTest;

/// <summary>A thread-safe latency recorder in microseconds (HdrHistogram), reported in milliseconds.</summary>
internal sealed class Percentiles
{
    private readonly LongConcurrentHistogram histogram = new(1, TimeStamp.Hours(1), 3);

    public long Count => histogram.TotalCount;

    public void RecordMicroseconds(long value) => histogram.RecordValue(Math.Clamp(value, 1, TimeStamp.Hours(1) - 1));

    public double Ms(double percentile) => Count == 0 ? double.NaN : histogram.GetValueAtPercentile(percentile) / 1000.0;

    public string Describe() => Count == 0 ? "n/a" : FormattableString.Invariant($"p50 {Ms(50):F1} ms · p95 {Ms(95):F1} ms · p99 {Ms(99):F1} ms · max {histogram.GetMaxValue() / 1000.0:F1} ms (n={Count})");
}
