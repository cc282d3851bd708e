using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace WebMacs.AspNetCore.Pipeline;

/// <summary>Binds <see cref="WebMacsHttpOptions"/> from the original's names, then from <c>WebMacs:Http</c>.</summary>
internal sealed class WebMacsHttpOptionsSetup(IConfiguration configuration) : IConfigureOptions<WebMacsHttpOptions>
{
    public void Configure(WebMacsHttpOptions options)
    {
        if (configuration["CORS_ORIGINS"] is { Length: > 0 } origins)
        {
            foreach (var origin in ParseList(origins))
            {
                options.CorsOrigins.Add(origin);
            }
        }

        if (configuration["RATE_LIMIT_PER_MINUTE"] is { Length: > 0 } limit)
        {
            options.RateLimitPerMinute = int.TryParse(limit, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value)
                ? value
                : throw new OptionsValidationException(nameof(WebMacsHttpOptions), typeof(WebMacsHttpOptions), [$"RATE_LIMIT_PER_MINUTE must be a whole number, not '{limit}'."]);
        }

        configuration.GetSection(WebMacsHttpOptions.SectionName).Bind(options);
    }

    /// <summary>Reads a JSON list (as the original requires) or, leniently, a comma-separated list.</summary>
    private static string[] ParseList(string value)
    {
        if (value.TrimStart().StartsWith('['))
        {
            try
            {
                return JsonSerializer.Deserialize<string[]>(value) ?? [];
            }
            catch (JsonException ex)
            {
                throw new OptionsValidationException(nameof(WebMacsHttpOptions), typeof(WebMacsHttpOptions), [$"CORS_ORIGINS is not a valid JSON list: {ex.Message}"]);
            }
        }

        return value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
    }
}
