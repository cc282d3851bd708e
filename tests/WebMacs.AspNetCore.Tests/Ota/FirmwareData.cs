using Microsoft.EntityFrameworkCore;
using WebMacs.AspNetCore.Tests.Support;
using WebMacs.Domain;
using WebMacs.Testing.Hosting;

namespace WebMacs.AspNetCore.Tests.Ota;

/// <summary>Arranges and reads firmware records directly through the host's own database context.</summary>
internal static class FirmwareData
{
    private static int counter;

    /// <summary>Gets a strict version no other test of the run uses, newer than 2.0.0 (major 100 and up).</summary>
    public static string UniqueVersion() => $"{100 + Interlocked.Increment(ref counter)}.{Random.Shared.Next(0, 1_000_000)}.0";

    public static async Task<FirmwareUpdate> InsertFirmwareAsync(
        this WebMacsTestHost host, string? version = null, UpdateStatus status = UpdateStatus.Pending, string? filePath = null, string? hash = null, int? userId = null)
    {
        var owner = userId ?? await host.GetUserIdAsync(WebMacsTestHost.AdminEmail);
        return await host.WithDbAsync(async db =>
        {
            var row = new FirmwareUpdate
            {
                Version = version ?? UniqueVersion(),
                Status = status,
                FilePath = filePath,
                FileHashSha256 = hash,
                CreatedOn = DateTime.UtcNow,
                UserId = owner,
            };
            db.FirmwareUpdates.Add(row);
            await db.SaveChangesAsync(TestContext.Current.CancellationToken);
            return row;
        });
    }

    public static Task<FirmwareUpdate?> FindFirmwareAsync(this WebMacsTestHost host, Guid publicId) =>
        host.WithDbAsync(db => db.FirmwareUpdates.AsNoTracking().FirstOrDefaultAsync(f => f.PublicId == publicId, TestContext.Current.CancellationToken));

    public static Task<FirmwareUpdate?> FindFirmwareAsync(this WebMacsTestHost host, string version) =>
        host.WithDbAsync(db => db.FirmwareUpdates.AsNoTracking().FirstOrDefaultAsync(f => f.Version == version, TestContext.Current.CancellationToken));

    public static Task<int> CountFirmwareAsync(this WebMacsTestHost host) =>
        host.WithDbAsync(db => db.FirmwareUpdates.CountAsync(TestContext.Current.CancellationToken));

    /// <summary>Removes every firmware record, for tests of the update check that need to know all of them.</summary>
    public static Task<int> ClearFirmwareAsync(this WebMacsTestHost host) =>
        host.WithDbAsync(db => db.FirmwareUpdates.ExecuteDeleteAsync(TestContext.Current.CancellationToken));

    public static string UpdateDirectory(this WebMacsTestHost host) => Path.Combine(host.DataDirectory, "updates");
}
