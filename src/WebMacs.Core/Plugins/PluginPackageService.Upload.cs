using System.Buffers;
using System.Globalization;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using WebMacs.Domain;

namespace WebMacs.Plugins;

/// <summary>How a package upload ended; the HTTP layer maps it to 201, 400, 409, 413 or 422.</summary>
internal enum PluginPackageUploadStatus
{
    Installed,
    NotAPackage,
    TooLarge,
    Invalid,
    Conflict,
}

/// <summary>The end of a package upload: the status, the reply's text, and on success the package's name, version, size and plugin ids.</summary>
internal sealed record PluginPackageUploadResult(PluginPackageUploadStatus Status, string Detail, string? PackageName = null, string? Version = null, long Size = 0, IReadOnlyList<string>? PluginIds = null);

internal sealed partial class PluginPackageService
{
    /// <summary>The file suffix of an uploadable package.</summary>
    public const string PackageSuffix = ".nupkg";

    /// <summary>Gets the 413 text, e.g. <c>Package exceeds maximum size (50 MB).</c></summary>
    public string TooLargeMessage => $"Package exceeds maximum size ({Ota.BundleStore.FormatLimit(options.Value.MaxPackageBytes)}).";

    /// <summary>Gets the largest package accepted, in bytes.</summary>
    public long MaxPackageBytes => options.Value.MaxPackageBytes;

    /// <summary>
    /// Stores, validates, records and loads an uploaded package (reference §6.5 adapted to NuGet packages). Any refusal
    /// leaves nothing on disk and nothing loaded.
    /// </summary>
    public async Task<PluginPackageUploadResult> UploadAsync(string clientFileName, Stream content, int? userId, CancellationToken cancellationToken)
    {
        if (!clientFileName.EndsWith(PackageSuffix, StringComparison.OrdinalIgnoreCase))
        {
            return new PluginPackageUploadResult(PluginPackageUploadStatus.NotAPackage, "File must be a .nupkg (NuGet package).");
        }

        var staging = Path.Combine(PackageDirectory, ".staging", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(staging);
        try
        {
            var stagedFile = Path.Combine(staging, "package" + PackageSuffix);
            var (size, hash) = await PluginPackageFiles.StoreAsync(content, stagedFile, options.Value.MaxPackageBytes, cancellationToken).ConfigureAwait(false);
            if (size > options.Value.MaxPackageBytes)
            {
                return new PluginPackageUploadResult(PluginPackageUploadStatus.TooLarge, TooLargeMessage);
            }

            await loader.Gate.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                return await InstallAsync(stagedFile, Path.Combine(staging, "lib"), size, hash, userId, cancellationToken).ConfigureAwait(false);
            }
            catch (InvalidPluginPackageException ex)
            {
                LogRefused(logger, clientFileName, ex.Message);
                return new PluginPackageUploadResult(ex.IsConflict ? PluginPackageUploadStatus.Conflict : PluginPackageUploadStatus.Invalid, ex.Message);
            }
            finally
            {
                loader.Gate.Release();
            }
        }
        finally
        {
            TryDeleteDirectory(staging);
        }
    }

    private async Task<PluginPackageUploadResult> InstallAsync(string stagedFile, string stagedLib, long size, string hash, int? userId, CancellationToken cancellationToken)
    {
        var manifest = PluginPackageArchive.Extract(stagedFile, stagedLib, options.Value);
        var declared = PluginAssemblyInspector.Inspect(manifest.Id, stagedLib, manifest.AssemblyFiles);
        var lowered = manifest.Id.ToLowerInvariant();
#pragma warning disable CA1862, CA1304, CA1311 // translated to SQL lower(); NuGet ids compare case-insensitively
        var recorded = await db.PluginPackages.AnyAsync(p => p.PackageName.ToLower() == lowered, cancellationToken).ConfigureAwait(false);
#pragma warning restore CA1862, CA1304, CA1311
        if (recorded || loader.IsLoaded(manifest.Id))
        {
            throw new InvalidPluginPackageException($"Plugin package '{manifest.Id}' is already installed. Remove it first to upload a new version.") { IsConflict = true };
        }

        var baseName = $"{manifest.Id}.{manifest.Version}";
        var file = Path.Combine(PackageDirectory, baseName + PackageSuffix);
        var folder = Path.Combine(PackageDirectory, baseName);
        TryDeleteDirectory(folder);
        File.Move(stagedFile, file, overwrite: true);
        Directory.Move(stagedLib, folder);
        var loaded = false;
        try
        {
            var package = loader.Load(manifest.Id, folder, declared, catalog.ListPlugins().Select(p => p.Id));
            loaded = true;
            var ids = package.PluginIds;
            db.PluginPackages.Add(new PluginPackage
            {
                PackageName = manifest.Id,
                Version = manifest.Version,
                Source = PluginSource.Uploaded,
                FilePath = file,
                FileHashSha256 = hash,
                FileSizeBytes = size,
                PluginIds = ToJsonArray(ids),
                InstalledOn = time.GetUtcNow().UtcDateTime,
                UserId = userId,
            });
            await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
            LogInstalled(logger, manifest.Id, manifest.Version, ids);
            var message = string.Create(CultureInfo.InvariantCulture,
                $"Plugin package '{manifest.Id}' v{manifest.Version} installed ({size:N0} bytes). Restart the controller to activate.");
            return new PluginPackageUploadResult(PluginPackageUploadStatus.Installed, message, manifest.Id, manifest.Version, size, ids);
        }
        catch
        {
            if (loaded)
            {
                loader.Unload(manifest.Id);
            }

            TryDeleteFile(file);
            TryDeleteDirectory(folder);
            throw;
        }
    }

    private static string ToJsonArray(IEnumerable<string> values)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartArray();
            foreach (var value in values)
            {
                writer.WriteStringValue(value);
            }

            writer.WriteEndArray();
        }

        return System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    private void TryDeleteFile(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            LogFileNotDeleted(logger, path, ex.Message);
        }
    }

    private void TryDeleteDirectory(string path)
    {
        try
        {
            if (Directory.Exists(path))
            {
                Directory.Delete(path, recursive: true);
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            LogFileNotDeleted(logger, path, ex.Message);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Plugin package {PackageName} v{Version} installed; it provides {PluginIds}.")]
    private static partial void LogInstalled(ILogger logger, string packageName, string version, IReadOnlyList<string> pluginIds);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Plugin package upload {FileName} refused: {Reason}")]
    private static partial void LogRefused(ILogger logger, string fileName, string reason);
}
