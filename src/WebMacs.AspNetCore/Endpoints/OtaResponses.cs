using WebMacs.Domain;
using WebMacs.Ota;

namespace WebMacs.AspNetCore.Endpoints;

// Bodies of the OTA routes (reference §4.2 FirmwareUpdateResponse / UpdateCheckResponse, §4.3 routes 51–58).

/// <summary>A firmware record; the file path is never shown, only whether one is recorded.</summary>
internal sealed record FirmwareUpdateResponse(
    Guid PublicId,
    string Version,
    string? Changelog,
    string? FileHashSha256,
    long? FileSizeBytes,
    string Status,
    string? ErrorMessage,
    DateTime CreatedOn,
    DateTime? StartedOn,
    DateTime? CompletedOn,
    Guid? UserPublicId,
    bool HasFirmwareFile)
{
    public static FirmwareUpdateResponse From(FirmwareView view)
    {
        var f = view.Update;
        return new(f.PublicId, f.Version, f.Changelog, f.FileHashSha256, f.FileSizeBytes, WireEnum<UpdateStatus>.ToWire(f.Status), f.ErrorMessage,
            f.CreatedOn, f.StartedOn, f.CompletedOn, view.UserPublicId, !string.IsNullOrEmpty(f.FilePath));
    }
}

/// <summary>The answer of <c>GET /ota/check</c>.</summary>
internal sealed record UpdateCheckResponse(
    string CurrentVersion,
    string? LatestVersion,
    bool UpdateAvailable,
    string? GithubLatestVersion,
    string? GithubDownloadUrl,
    string? GithubReleaseUrl,
    string? GithubError)
{
    public static UpdateCheckResponse From(UpdateCheck check) =>
        new(check.CurrentVersion, check.LatestVersion, check.UpdateAvailable, check.GitHubLatestVersion, check.GitHubDownloadUrl, check.GitHubReleaseUrl, check.GitHubError);
}

/// <summary>The body of <c>POST /ota</c>: a strict <c>x.y.z</c> version and an optional changelog.</summary>
internal sealed record FirmwareCreateRequest(string Version, string? Changelog);

/// <summary>The optional body of <c>POST /ota/{id}/apply</c>: where to download the file from and its expected SHA-256 (64 hex digits).</summary>
internal sealed record FirmwareApplyRequest(string? DownloadUrl, string? FileHashSha256);
