using System.ComponentModel;
using System.ComponentModel.DataAnnotations;

namespace WebMacs.Plugins;

/// <summary>Describes how a plugin instance reconnects after a failure (reference §4.3): exponential back-off.</summary>
public sealed class RetryPolicy
{
    /// <summary>Gets or sets the number of reconnect attempts before giving up; 0 means forever (default 5).</summary>
    [Range(0, int.MaxValue)]
    [Description("Reconnect attempts before giving up; 0 retries forever.")]
    public int MaxAttempts { get; set; } = 5;

    /// <summary>Gets or sets the first delay in seconds (≥ 0.1, default 1).</summary>
    [Range(0.1, double.MaxValue)]
    [Description("First reconnect delay in seconds.")]
    public double BaseDelay { get; set; } = 1.0;

    /// <summary>Gets or sets the longest delay in seconds (≥ 1, default 60).</summary>
    [Range(1.0, double.MaxValue)]
    [Description("Longest reconnect delay in seconds.")]
    public double MaxDelay { get; set; } = 60.0;

    /// <summary>Gets or sets the factor each further delay grows by (≥ 1, default 2).</summary>
    [Range(1.0, double.MaxValue)]
    [Description("Factor each further delay grows by.")]
    public double BackoffFactor { get; set; } = 2.0;

    /// <summary>Computes the delay before reconnect attempt <paramref name="attempt"/> (1-based): min(base·factor^(n−1), max).</summary>
    /// <param name="attempt">The attempt number, starting at 1.</param>
    /// <returns>The delay.</returns>
    public TimeSpan DelayFor(int attempt)
    {
        var seconds = BaseDelay * Math.Pow(BackoffFactor, Math.Max(0, attempt - 1));
        return TimeSpan.FromSeconds(Math.Min(double.IsFinite(seconds) ? seconds : MaxDelay, MaxDelay));
    }
}
