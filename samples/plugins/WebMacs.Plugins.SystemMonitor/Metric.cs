namespace WebMacs.Plugins.SystemMonitor;

/// <summary>A value read from the host, or why there is none.</summary>
internal readonly record struct Metric(double? Value, string? Reason)
{
    public static Metric Of(double value) => new(value, null);

    public static Metric Missing(string reason) => new(null, reason);
}
