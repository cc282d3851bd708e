using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;

namespace WebMacs.Webhooks;

/// <summary>
/// Configures webhook delivery (<c>AddWebhooks()</c>). Bound from <c>WebMacs:Webhooks</c>; the original's
/// <c>WEBHOOK_ALLOW_PRIVATE</c> and <c>WEBHOOK_ALLOWED_HOSTS</c> (comma-separated) are read too.
/// </summary>
public sealed class WebhookOptions
{
    /// <summary>The configuration section the options are bound from.</summary>
    public const string SectionName = "WebMacs:Webhooks";

    /// <summary>
    /// Gets or sets a value indicating whether targets on loopback, private, link-local (cloud metadata) or other
    /// internal addresses may be called (default false: such deliveries are refused and dead-lettered).
    /// </summary>
    public bool AllowPrivateTargets { get; set; }

    /// <summary>Gets the host names or IP addresses that may be called even when they resolve to internal addresses.</summary>
    public IList<string> AllowedHosts { get; } = [];

    /// <summary>Gets or sets how long one delivery attempt may take (default 10 s).</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:05:00")]
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Gets or sets how many attempts a delivery gets before it is dead-lettered (default 3).</summary>
    [Range(1, 20)]
    public int MaxAttempts { get; set; } = 3;

    /// <summary>Gets or sets the wait after the first failed attempt (default 2 s); it doubles after each further failure.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "01:00:00")]
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Gets or sets how many deliveries run at once (default 10).</summary>
    [Range(1, 1000)]
    public int Concurrency { get; set; } = 10;

    /// <summary>Gets or sets how often the outbox is checked for due deliveries when nothing signals (default 1 s).</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:10:00")]
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Gets or sets the least time between two <c>sensor.reading</c> webhooks of one event (default 5 s).</summary>
    [Range(typeof(TimeSpan), "00:00:00", "01:00:00")]
    public TimeSpan SensorReadingInterval { get; set; } = TimeSpan.FromSeconds(5);
}

/// <summary>Validates <see cref="WebhookOptions"/> at start-up.</summary>
[OptionsValidator]
internal sealed partial class WebhookOptionsValidator : IValidateOptions<WebhookOptions>;
