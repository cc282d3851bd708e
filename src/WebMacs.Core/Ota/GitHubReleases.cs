using System.Net;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace WebMacs.Ota;

/// <summary>What the GitHub check found: the latest release, or why there is none (all null when GitHub has no release).</summary>
internal sealed record GitHubRelease(string? Version, string? DownloadUrl, string? ReleaseUrl, string? Error)
{
    public static GitHubRelease None { get; } = new(null, null, null, null);

    public static GitHubRelease Failed(string error) => new(null, null, null, error);
}

/// <summary>
/// Asks the GitHub REST API for the latest release of <see cref="OtaOptions.GitHubRepo"/> (reference §6.8 step 2).
/// Every failure — no network, a timeout, an error status, an unreadable answer — becomes an error text, never an
/// exception: the update check still answers with the database's findings.
/// </summary>
internal sealed partial class GitHubReleases(IHttpClientFactory clients, IOptions<OtaOptions> options, ILogger<GitHubReleases> logger)
{
    private const string BundleMarker = "webmacs-update";

    public async Task<GitHubRelease> GetLatestAsync(CancellationToken cancellationToken)
    {
        var repo = options.Value.GitHubRepo;
        if (string.IsNullOrEmpty(repo))
        {
            return GitHubRelease.Failed("github_repo not configured");
        }

        try
        {
            var client = clients.CreateClient(OtaRegistration.GitHubClient);
            using var response = await client.GetAsync(new Uri($"repos/{repo}/releases/latest", UriKind.Relative), cancellationToken).ConfigureAwait(false);
            if (response.StatusCode == HttpStatusCode.NotFound)
            {
                return GitHubRelease.None;
            }

            if (response.StatusCode != HttpStatusCode.OK)
            {
                LogStatus(logger, repo, (int)response.StatusCode);
                return GitHubRelease.Failed($"GitHub API returned {(int)response.StatusCode}");
            }

            var body = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
            return Parse(body);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            LogFailure(logger, repo, "timeout");
            return GitHubRelease.Failed("Connection timed out");
        }
        catch (Exception ex) when (ex is HttpRequestException or UriFormatException or InvalidOperationException or IOException)
        {
            LogFailure(logger, repo, ex.Message);
            return GitHubRelease.Failed(ex.Message);
        }
    }

    /// <summary>Reads <c>tag_name</c> (leading <c>v</c>s removed), <c>html_url</c> and the first <c>*webmacs-update*.tar.gz</c> asset.</summary>
    internal static GitHubRelease Parse(ReadOnlyMemory<byte> body)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body);
        }
        catch (JsonException)
        {
            return GitHubRelease.Failed("GitHub API returned an invalid JSON body");
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return GitHubRelease.Failed("GitHub API returned an invalid JSON body");
            }

            var version = (Text(root, "tag_name") ?? string.Empty).TrimStart('v');
            string? downloadUrl = null;
            if (root.TryGetProperty("assets", out var assets) && assets.ValueKind == JsonValueKind.Array)
            {
                foreach (var asset in assets.EnumerateArray())
                {
                    var name = asset.ValueKind == JsonValueKind.Object ? Text(asset, "name") ?? string.Empty : string.Empty;
                    if (name.EndsWith(".tar.gz", StringComparison.Ordinal) && name.Contains(BundleMarker, StringComparison.Ordinal))
                    {
                        downloadUrl = Text(asset, "browser_download_url");
                        break;
                    }
                }
            }

            return new GitHubRelease(version.Length == 0 ? null : version, downloadUrl, Text(root, "html_url"), null);
        }
    }

    private static string? Text(JsonElement element, string name)
    {
        if (!element.TryGetProperty(name, out var value) || value.ValueKind != JsonValueKind.String)
        {
            return null;
        }

        try
        {
            return value.GetString();
        }
        catch (InvalidOperationException)
        {
            return null; // an escaped lone surrogate
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "GitHub release check for {Repo} answered {StatusCode}.")]
    private static partial void LogStatus(ILogger logger, string repo, int statusCode);

    [LoggerMessage(Level = LogLevel.Warning, Message = "GitHub release check for {Repo} failed: {Reason}")]
    private static partial void LogFailure(ILogger logger, string repo, string reason);
}
