namespace WebMacs.AspNetCore;

/// <summary>
/// Configures the HTTP edge of WebMacs: CORS, rate limiting, trusted proxies and security headers. Bound from
/// <c>WebMacs:Http</c>; the original's <c>CORS_ORIGINS</c> (a JSON list) and <c>RATE_LIMIT_PER_MINUTE</c> are accepted too.
/// </summary>
public sealed class WebMacsHttpOptions
{
    /// <summary>Gets the configuration section these options bind from.</summary>
    public const string SectionName = "WebMacs:Http";

    /// <summary>Gets the origins allowed to call the API from a browser (exact match; credentials allowed).</summary>
    public IList<string> CorsOrigins { get; } = [];

    /// <summary>Gets or sets the request budget per client per sliding minute (default 300; 0 turns limiting off).</summary>
    public int RateLimitPerMinute { get; set; } = 300;

    /// <summary>
    /// Gets the proxies (IP addresses or CIDR ranges) whose <c>X-Forwarded-For</c> / <c>X-Real-IP</c> headers name the
    /// client. Requests from anywhere else are keyed by their socket address, so the headers cannot be spoofed.
    /// </summary>
    public IList<string> TrustedProxies { get; } = [];

    /// <summary>Gets or sets a value indicating whether responses carry the production security headers (default true).</summary>
    public bool SecurityHeaders { get; set; } = true;
}
