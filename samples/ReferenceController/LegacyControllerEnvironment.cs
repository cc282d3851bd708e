using System.Globalization;
using System.Security.Cryptography;

namespace WebMacs.ReferenceController;

/// <summary>
/// Maps the original controller's environment variables (reference §1.2) onto the WebMacs settings, so an existing
/// <c>controller.env</c> keeps working. A .NET name that is set (e.g. <c>WebMacs__Uplink__BackendUrl</c>) wins.
/// </summary>
internal static class LegacyControllerEnvironment
{
    private const int DefaultServerPort = 8000;

    public static IConfigurationManager AddLegacyControllerEnvironment(this IConfigurationManager configuration)
    {
        var mapped = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        void Map(string key, string? value)
        {
            if (value is not null && string.IsNullOrEmpty(configuration[key]))
            {
                mapped[key] = value;
            }
        }

        Map("WebMacs:Uplink:BackendUrl", BackendUrl(configuration));
        Map("WebMacs:Uplink:ApiToken", configuration["WEBMACS_API_TOKEN"]);
        Map("WebMacs:Uplink:MaxBatchItems", configuration["WEBMACS_MAX_BATCH_SIZE"]);
        Map("WebMacs:Uplink:Source", configuration["WEBMACS_CONTROLLER_NAME"]);
        Map("WebMacs:Acquisition:SyncInterval", Seconds(configuration["WEBMACS_PLUGIN_SYNC_INTERVAL"]));
        Map("WebMacs:Acquisition:DeduplicateUnchanged", Boolean(configuration["WEBMACS_DEDUP_ENABLED"]));

        // The controller serves no API and issues no tokens; the shared options still want a key in Production.
        Map("WebMacs:SecretKey", string.IsNullOrEmpty(configuration["SECRET_KEY"]) ? Convert.ToHexString(RandomNumberGenerator.GetBytes(32)) : null);
        configuration.AddInMemoryCollection(mapped);
        return configuration;
    }

    /// <summary>
    /// <c>WEBMACS_SERVER_URL</c> (or <c>SERVER_URL</c>) with <c>WEBMACS_SERVER_PORT</c> (default 8000) appended when the URL
    /// names no port, as the original builds its <c>base_url</c>.
    /// </summary>
    private static string? BackendUrl(IConfiguration configuration)
    {
        var url = configuration["WEBMACS_SERVER_URL"] ?? configuration["SERVER_URL"];
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri))
        {
            return url;
        }

        if (url.AsSpan(uri.Scheme.Length + 3).IndexOf(':') >= 0)
        {
            return uri.ToString();
        }

        var port = int.TryParse(configuration["WEBMACS_SERVER_PORT"], NumberStyles.None, CultureInfo.InvariantCulture, out var p) ? p : DefaultServerPort;
        return new UriBuilder(uri) { Port = port }.Uri.ToString();
    }

    private static string? Seconds(string? value) =>
        double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) && seconds > 0
            ? TimeSpan.FromSeconds(seconds).ToString("c", CultureInfo.InvariantCulture)
            : value;

    private static string? Boolean(string? value) => value?.Trim().ToUpperInvariant() switch
    {
        null => null,
        "1" or "TRUE" or "YES" or "ON" => "true",
        "0" or "FALSE" or "NO" or "OFF" or "" => "false",
        _ => value,
    };
}
