using System.Numerics;
using Microsoft.EntityFrameworkCore;
using WebMacs.Domain;
using WebMacs.Persistence;

namespace WebMacs.Ota;

/// <summary>The answer of the update check (reference §4.2 UpdateCheckResponse).</summary>
internal sealed record UpdateCheck(
    string CurrentVersion,
    string? LatestVersion,
    bool UpdateAvailable,
    string? GitHubLatestVersion,
    string? GitHubDownloadUrl,
    string? GitHubReleaseUrl,
    string? GitHubError);

/// <summary>
/// Tells whether a newer version than this API's exists (reference §6.8 "Update check"): pending or completed
/// firmware records that are strictly newer, and the latest GitHub release.
/// </summary>
internal sealed class UpdateCheckService(WebMacsDbContext db, GitHubReleases gitHub)
{
    public async Task<UpdateCheck> CheckAsync(CancellationToken cancellationToken)
    {
        const string current = FirmwareVersion.Current;
        var versions = await db.FirmwareUpdates.AsNoTracking()
            .Where(f => f.Status == UpdateStatus.Pending || f.Status == UpdateStatus.Completed)
            .Select(f => f.Version)
            .ToListAsync(cancellationToken).ConfigureAwait(false);

        string? newest = null;
        (BigInteger, BigInteger, BigInteger) newestTriple = default;
        foreach (var version in versions)
        {
            if (FirmwareVersion.IsNewer(current, version) && FirmwareVersion.TryParse(version, out var triple)
                && (newest is null || FirmwareVersion.Compare(triple, newestTriple) > 0))
            {
                newest = version;
                newestTriple = triple;
            }
        }

        var release = await gitHub.GetLatestAsync(cancellationToken).ConfigureAwait(false);
        var available = newest is not null || (release.Version is not null && FirmwareVersion.IsNewer(current, release.Version));
        var latest = newest;
        if (release.Version is not null && (latest is null || FirmwareVersion.IsNewer(latest, release.Version)))
        {
            latest = release.Version;
        }

        return new UpdateCheck(current, available ? latest : null, available, release.Version, release.DownloadUrl, release.ReleaseUrl, release.Error);
    }
}
