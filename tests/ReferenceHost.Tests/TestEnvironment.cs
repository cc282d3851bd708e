using System.Net.Http.Json;
using System.Security.Cryptography;
using Npgsql;

namespace WebMacs.ReferenceHost.Tests;

/// <summary>Values and helpers shared by the reference-host tests.</summary>
internal static class TestEnvironment
{
    public const string AdminEmail = "plant-admin@example.com";
    public const string AdminUsername = "plantadmin";
    public const string AdminPassword = "Plant-Admin-Password-1";

    /// <summary>Gets a fresh 64-hex-character secret, as <c>openssl rand -hex 32</c> makes.</summary>
    public static string NewSecretKey() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));

    /// <summary>Gets the Production start contract: secret, first administrator and data folder; no DATABASE_URL.</summary>
    public static Dictionary<string, string> Production(string dataDirectory) => new()
    {
        ["SECRET_KEY"] = NewSecretKey(),
        ["INITIAL_ADMIN_EMAIL"] = AdminEmail,
        ["INITIAL_ADMIN_USERNAME"] = AdminUsername,
        ["INITIAL_ADMIN_PASSWORD"] = AdminPassword,
        ["WEBMACS_DATA_DIR"] = dataDirectory,
    };

    /// <summary>Turns an Npgsql connection string of the fixture into the original's <c>postgresql://</c> URL.</summary>
    public static string ToDatabaseUrl(string connectionString)
    {
        var settings = new NpgsqlConnectionStringBuilder(connectionString);
        var password = string.IsNullOrEmpty(settings.Password) ? string.Empty : ":" + Uri.EscapeDataString(settings.Password);
        return $"postgresql://{Uri.EscapeDataString(settings.Username!)}{password}@{settings.Host}:{settings.Port}/{Uri.EscapeDataString(settings.Database!)}";
    }

    public static Task<HttpResponseMessage> LoginAsync(this HttpClient client, string email, string password) =>
        client.PostAsJsonAsync("/api/v1/auth/login", new { email, password }, TestContext.Current.CancellationToken);
}
