using System.Net;
using Microsoft.Extensions.Options;

namespace WebMacs.AspNetCore.Pipeline;

/// <summary>Refuses trusted-proxy entries that are not IP addresses or CIDR ranges, and a negative rate limit.</summary>
internal sealed class WebMacsHttpOptionsValidator : IValidateOptions<WebMacsHttpOptions>
{
    public ValidateOptionsResult Validate(string? name, WebMacsHttpOptions options)
    {
        var failures = options.TrustedProxies
            .Where(p => !IPNetwork.TryParse(p, out _) && !IPAddress.TryParse(p, out _))
            .Select(p => $"WebMacs:Http:TrustedProxies entry '{p}' is not an IP address or CIDR range.")
            .ToList();
        if (options.RateLimitPerMinute < 0)
        {
            failures.Add($"RATE_LIMIT_PER_MINUTE (WebMacs:Http:RateLimitPerMinute) must be 0 (off) or more, not {options.RateLimitPerMinute}.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
