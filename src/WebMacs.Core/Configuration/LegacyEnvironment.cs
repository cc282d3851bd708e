using System.Globalization;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;

namespace WebMacs.Configuration;

/// <summary>
/// Reads the original WebMACS environment names, so an existing WebMACS <c>.env</c> keeps working.
/// </summary>
internal static class LegacyEnvironment
{
    public const string SecretKey = "SECRET_KEY";
    public const string AccessTokenExpireMinutes = "ACCESS_TOKEN_EXPIRE_MINUTES";
    public const string InitialAdminEmail = "INITIAL_ADMIN_EMAIL";
    public const string InitialAdminUsername = "INITIAL_ADMIN_USERNAME";
    public const string InitialAdminPassword = "INITIAL_ADMIN_PASSWORD";
    public const string DataDirectory = "WEBMACS_DATA_DIR";
    public const string DatabaseUrl = "DATABASE_URL";
    public const string Env = "ENV";

    /// <summary>Gets the sample secrets published with WebMACS, which a production host must never accept.</summary>
    public static IReadOnlyList<string> PublishedSecrets { get; } = ["change-me-in-production", "test-secret-key", "changeme", "secret"];

    /// <summary>Gets the published default admin password, which a production host must never accept.</summary>
    public const string PublishedAdminPassword = "admin123";

    public static void Apply(WebMacsOptions options, IConfiguration configuration)
    {
        if (Get(configuration, SecretKey) is { } secret) options.SecretKey = secret;
        if (Get(configuration, InitialAdminEmail) is { } email) options.InitialAdminEmail = email;
        if (Get(configuration, InitialAdminUsername) is { } username) options.InitialAdminUsername = username;
        if (Get(configuration, InitialAdminPassword) is { } password) options.InitialAdminPassword = password;
        if (Get(configuration, DataDirectory) is { } dataDir) options.DataDirectory = dataDir;
        if (Get(configuration, AccessTokenExpireMinutes) is { } minutes)
        {
            options.AccessTokenExpireMinutes = int.TryParse(minutes, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value)
                ? value
                : throw new InvalidOperationException($"{AccessTokenExpireMinutes} must be a whole number of minutes, not '{minutes}'.");
        }
    }

    /// <summary>
    /// Tells whether the strict production rules apply: the host environment is Production, or the original's
    /// <c>ENV=production</c> is set.
    /// </summary>
    public static bool IsProduction(IHostEnvironment environment, IConfiguration configuration) =>
        environment.IsProduction() || string.Equals(Get(configuration, Env), "production", StringComparison.OrdinalIgnoreCase);

    public static string? Get(IConfiguration configuration, string key) =>
        configuration[key] is { Length: > 0 } value ? value : null;
}
