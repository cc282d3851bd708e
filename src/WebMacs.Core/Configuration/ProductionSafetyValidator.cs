using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace WebMacs.Configuration;

/// <summary>
/// Refuses, in Production, a missing or short <c>SECRET_KEY</c> and the published sample secrets and admin
/// password. In Development these are allowed (a missing key is generated, see <see cref="DevelopmentSecretKey"/>).
/// </summary>
internal sealed class ProductionSafetyValidator(IHostEnvironment environment, IConfiguration configuration) : IValidateOptions<WebMacsOptions>
{
    public const int MinimumSecretLength = 32;

    public ValidateOptionsResult Validate(string? name, WebMacsOptions options)
    {
        if (!LegacyEnvironment.IsProduction(environment, configuration))
        {
            return ValidateOptionsResult.Success;
        }

        var failures = new List<string>();
        var secret = options.SecretKey?.Trim();
        if (string.IsNullOrEmpty(secret))
        {
            failures.Add("SECRET_KEY (WebMacs:SecretKey) must be set in Production; generate one with 'openssl rand -hex 32'.");
        }
        else if (LegacyEnvironment.PublishedSecrets.Contains(secret, StringComparer.OrdinalIgnoreCase))
        {
            failures.Add("SECRET_KEY (WebMacs:SecretKey) is a published sample value; generate one with 'openssl rand -hex 32'.");
        }
        else if (secret.Length < MinimumSecretLength)
        {
            failures.Add($"SECRET_KEY (WebMacs:SecretKey) must be at least {MinimumSecretLength} characters in Production (currently {secret.Length}).");
        }

        if (options.InitialAdminPassword == LegacyEnvironment.PublishedAdminPassword)
        {
            failures.Add("INITIAL_ADMIN_PASSWORD (WebMacs:InitialAdminPassword) is the published default 'admin123'; choose another password.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
