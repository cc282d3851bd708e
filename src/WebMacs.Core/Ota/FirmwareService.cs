using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using WebMacs.Common;
using WebMacs.Domain;
using WebMacs.Persistence;

namespace WebMacs.Ota;

/// <summary>A firmware record with the public id of its creator (null once the creator was deleted).</summary>
internal sealed record FirmwareView(FirmwareUpdate Update, Guid? UserPublicId);

/// <summary>
/// Firmware records (reference §4.3 routes 51, 52, 54–57 and §6.8): registration, the apply/rollback state machine
/// with the optional download and SHA-256 verification. Nothing is installed: applying only records the outcome.
/// </summary>
internal sealed class FirmwareService(WebMacsDbContext db, ChangeSaver saver, TimeProvider time, FirmwareDownloader downloader, OtaPaths paths)
{
    private const string Entity = "FirmwareUpdate";
    private const string HashMismatch = "SHA-256 hash verification failed";

    public async Task<PageResult<FirmwareView>> ListAsync(int skip, int take, CancellationToken cancellationToken)
    {
        var total = await db.FirmwareUpdates.CountAsync(cancellationToken).ConfigureAwait(false);
        var items = await Views(db.FirmwareUpdates.AsNoTracking().OrderBy(f => f.Id).Skip(skip).Take(take))
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        return new PageResult<FirmwareView>(items, total);
    }

    public async Task<Outcome<FirmwareView>> GetAsync(string publicId, CancellationToken cancellationToken)
    {
        if (!PublicIds.TryParse(publicId, out var id))
        {
            return Outcome.NotFound(Entity, publicId);
        }

        var view = await Views(db.FirmwareUpdates.AsNoTracking().Where(f => f.PublicId == id)).FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false);
        return view is null ? Outcome.NotFound(Entity, publicId) : view;
    }

    /// <summary>Registers a pending record for <paramref name="version"/> (already checked to be strict semver).</summary>
    public async Task<Outcome> CreateAsync(User caller, string version, string? changelog, CancellationToken cancellationToken)
    {
        if (await db.FirmwareUpdates.AnyAsync(f => f.Version == version, cancellationToken).ConfigureAwait(false))
        {
            return Outcome.Conflict(Entity);
        }

        db.FirmwareUpdates.Add(new FirmwareUpdate
        {
            Version = version,
            Changelog = changelog,
            CreatedOn = time.GetUtcNow().UtcDateTime,
            UserId = caller.Id,
        });
        return await saver.SaveAsync(cancellationToken).ConfigureAwait(false) == ConstraintViolation.None ? Outcome.Ok : Outcome.Conflict(Entity);
    }

    /// <summary>
    /// Applies a record. With <paramref name="downloadUrl"/> the file is fetched first (pending → downloading →
    /// verifying → applying); a failed download answers 400 and leaves the record as it was. Then a recorded file is
    /// re-hashed: a mismatch moves the record to <c>failed</c> and — as in the original — still succeeds; otherwise
    /// the record becomes <c>completed</c>. A move the state machine forbids answers 409 and changes nothing.
    /// </summary>
    public async Task<Outcome> ApplyAsync(string publicId, string? downloadUrl, string? expectedHash, CancellationToken cancellationToken)
    {
        if (await FindTrackedAsync(publicId, cancellationToken).ConfigureAwait(false) is not { } update)
        {
            return Outcome.NotFound(Entity, publicId);
        }

        var now = time.GetUtcNow().UtcDateTime;
        var outcome = string.IsNullOrEmpty(downloadUrl) ? Outcome.Ok : await DownloadAsync(update, downloadUrl, expectedHash, now, cancellationToken).ConfigureAwait(false);
        if (outcome.Succeeded)
        {
            outcome = await CompleteAsync(update, now, cancellationToken).ConfigureAwait(false);
        }

        if (!outcome.Succeeded)
        {
            db.ChangeTracker.Clear();
            return outcome;
        }

        return await SaveAsync(publicId, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Moves a completed record to <c>rolled_back</c> (status only).</summary>
    public async Task<Outcome> RollbackAsync(string publicId, CancellationToken cancellationToken)
    {
        if (await FindTrackedAsync(publicId, cancellationToken).ConfigureAwait(false) is not { } update)
        {
            return Outcome.NotFound(Entity, publicId);
        }

        var moved = FirmwareStates.Move(update, UpdateStatus.RolledBack);
        if (!moved.Succeeded)
        {
            db.ChangeTracker.Clear();
            return moved;
        }

        return await SaveAsync(publicId, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Deletes the record; a downloaded file stays on disk, as in the original.</summary>
    public async Task<Outcome> DeleteAsync(string publicId, CancellationToken cancellationToken)
    {
        if (!PublicIds.TryParse(publicId, out var id))
        {
            return Outcome.NotFound(Entity, publicId);
        }

        var deleted = await db.FirmwareUpdates.Where(f => f.PublicId == id).ExecuteDeleteAsync(cancellationToken).ConfigureAwait(false);
        return deleted == 0 ? Outcome.NotFound(Entity, publicId) : Outcome.Ok;
    }

    private async Task<Outcome> DownloadAsync(FirmwareUpdate update, string url, string? expectedHash, DateTime now, CancellationToken cancellationToken)
    {
        var moved = FirmwareStates.Move(update, UpdateStatus.Downloading);
        if (!moved.Succeeded)
        {
            return moved;
        }

        update.StartedOn = now;
        update.ErrorMessage = null;
        var safeVersion = update.Version.Replace('/', '-').Replace('\\', '-');
        var destination = Path.Combine(paths.UpdateDirectory, $"firmware-{safeVersion}.tar.gz");
        var download = await downloader.DownloadAsync(url, destination, cancellationToken).ConfigureAwait(false);
        if (!download.Succeeded)
        {
            return Outcome.BadRequest(download.Error!);
        }

        update.FilePath = destination;
        update.FileSizeBytes = download.Size;
        FirmwareStates.Move(update, UpdateStatus.Verifying);
        if (expectedHash is not null)
        {
            update.FileHashSha256 = download.Sha256;
            if (!string.Equals(download.Sha256, expectedHash, StringComparison.OrdinalIgnoreCase))
            {
                FirmwareDownloader.TryDelete(destination);
                return Outcome.BadRequest(HashMismatch);
            }
        }

        return FirmwareStates.Move(update, UpdateStatus.Applying);
    }

    private static async Task<Outcome> CompleteAsync(FirmwareUpdate update, DateTime now, CancellationToken cancellationToken)
    {
        if (!string.IsNullOrEmpty(update.FilePath) && !string.IsNullOrEmpty(update.FileHashSha256)
            && !await FileMatchesAsync(update.FilePath, update.FileHashSha256, cancellationToken).ConfigureAwait(false))
        {
            var failed = FirmwareStates.Move(update, UpdateStatus.Failed);
            if (failed.Succeeded)
            {
                update.ErrorMessage = HashMismatch;
            }

            return failed;
        }

        var completed = FirmwareStates.Move(update, UpdateStatus.Completed);
        if (completed.Succeeded)
        {
            update.StartedOn ??= now;
            update.CompletedOn = now;
        }

        return completed;
    }

    private static async Task<bool> FileMatchesAsync(string path, string expectedHash, CancellationToken cancellationToken)
    {
        try
        {
            var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1, useAsync: true);
            await using (file.ConfigureAwait(false))
            {
                var hash = await SHA256.HashDataAsync(file, cancellationToken).ConfigureAwait(false);
                return string.Equals(Convert.ToHexStringLower(hash), expectedHash, StringComparison.OrdinalIgnoreCase);
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    private async Task<Outcome> SaveAsync(string publicId, CancellationToken cancellationToken)
    {
        try
        {
            return await saver.SaveAsync(cancellationToken).ConfigureAwait(false) == ConstraintViolation.None ? Outcome.Ok : Outcome.Conflict(Entity);
        }
        catch (DbUpdateConcurrencyException)
        {
            // The record was deleted while this request worked on it.
            db.ChangeTracker.Clear();
            return Outcome.NotFound(Entity, publicId);
        }
    }

    private async Task<FirmwareUpdate?> FindTrackedAsync(string publicId, CancellationToken cancellationToken) =>
        PublicIds.TryParse(publicId, out var id)
            ? await db.FirmwareUpdates.FirstOrDefaultAsync(f => f.PublicId == id, cancellationToken).ConfigureAwait(false)
            : null;

    private static IQueryable<FirmwareView> Views(IQueryable<FirmwareUpdate> query) =>
        query.Select(f => new FirmwareView(f, f.User != null ? f.User.PublicId : null));
}
