using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using WebMacs.Plugins;

namespace WebMacs.Uplink;

// Downloading one package, and the package folder on disk: the index of kept packages, leftovers and deferred deletions.
internal sealed partial class RemotePackageSync
{
    /// <summary>
    /// Downloads a package into a staging folder while hashing it, checks the hash against the header and the listing,
    /// then moves it into the package folder and loads it. A refused package leaves nothing behind and is skipped until
    /// the backend offers another file; a failed transfer is retried at the next sync.
    /// </summary>
    private async Task DownloadAsync(RemotePackage package, CancellationToken ct)
    {
        var staging = Path.Combine(directory, StagingFolder, Guid.NewGuid().ToString("N"));
        var file = Path.Combine(directory, package.FileName);
        var folder = Path.Combine(directory, package.FolderName);
        var moved = false;
        try
        {
            System.IO.Directory.CreateDirectory(staging);
            var staged = Path.Combine(staging, package.FileName);
            using (var response = await http.CreateClient(RemoteAcquisitionSource.HttpClientName)
                .GetAsync(new Uri($"api/v1/plugins/packages/{package.PublicId}/download", UriKind.Relative), HttpCompletionOption.ResponseHeadersRead, ct)
                .ConfigureAwait(false))
            {
                RemoteAcquisitionSource.EnsureSuccess(response, "GET /api/v1/plugins/packages/{id}/download");
                var announced = response.Headers.TryGetValues(PluginPackageFiles.Sha256Header, out var values) ? values.FirstOrDefault() : null;
                var body = await response.Content.ReadAsStreamAsync(ct).ConfigureAwait(false);
                long size;
                string hash;
                await using (body.ConfigureAwait(false))
                {
                    (size, hash) = await PluginPackageFiles.StoreAsync(body, staged, limits.Value.MaxPackageBytes, ct).ConfigureAwait(false);
                }

                if (size > limits.Value.MaxPackageBytes)
                {
                    throw new InvalidPluginPackageException(string.Create(CultureInfo.InvariantCulture,
                        $"it is larger than {limits.Value.MaxPackageBytes:N0} bytes (WebMacs:Plugins:MaxPackageBytes)."));
                }

                if (!PluginPackageFiles.SameHash(hash, announced) || !PluginPackageFiles.SameHash(hash, package.Sha256))
                {
                    throw new InvalidPluginPackageException(
                        $"the download's SHA-256 {hash} does not match the {PluginPackageFiles.Sha256Header} header ({announced ?? "missing"}) and the backend's list ({package.Sha256}); " +
                        "the file was changed after the upload or in transit.");
                }
            }

            File.Move(staged, file, overwrite: true);
            moved = true;
            var loaded = Load(package, file);
            kept[package.PackageName] = package;
            SaveIndex();
            LogDownloaded(logger, package.PackageName, package.Version, loaded.PluginIds);
        }
        catch (InvalidPluginPackageException ex)
        {
            refused[package.PackageName] = package.Sha256;
            LogRefused(logger, package.PackageName, package.Version, ex.Message);
            Forget(moved, file, folder);
        }
        catch (Exception ex) when (ex is HttpRequestException or IOException or UnauthorizedAccessException
            || (ex is OperationCanceledException && !ct.IsCancellationRequested))
        {
            LogNotDownloaded(logger, package.PackageName, package.Version, ex.Message);
            Forget(moved, file, folder);
        }
        finally
        {
            Delete(staging);
        }
    }

    private void Forget(bool moved, string file, string folder)
    {
        if (moved)
        {
            Delete(file);
        }

        Delete(folder);
    }

    /// <summary>Reads the index of kept packages and deletes what the folder holds besides them (staging leftovers, packages removed before a restart).</summary>
    private void Open()
    {
        System.IO.Directory.CreateDirectory(directory);
        var index = Path.Combine(directory, IndexFileName);
        try
        {
            if (File.Exists(index))
            {
                foreach (var package in RemotePackageFormat.Read(File.ReadAllBytes(index)))
                {
                    kept.TryAdd(package.PackageName, package);
                }
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
        {
            LogIndexUnreadable(logger, ex, index);
        }

        Delete(Path.Combine(directory, StagingFolder));
        var keptFiles = kept.Values.Select(p => p.FileName).ToHashSet(StringComparer.OrdinalIgnoreCase);
        foreach (var stale in System.IO.Directory.EnumerateFiles(directory, "*" + PluginPackageService.PackageSuffix).Where(f => !keptFiles.Contains(Path.GetFileName(f))).ToList())
        {
            Delete(stale);
            Delete(stale[..^PluginPackageService.PackageSuffix.Length]);
        }
    }

    private void SaveIndex()
    {
        var index = Path.Combine(directory, IndexFileName);
        try
        {
            var temporary = index + ".tmp";
            File.WriteAllBytes(temporary, RemotePackageFormat.Write(kept.Values));
            File.Move(temporary, index, overwrite: true);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            LogIndexNotSaved(logger, ex, index);
        }
    }

    private void EmptyTrash()
    {
        foreach (var path in trash)
        {
            Delete(path);
        }

        trash.Clear();
    }

    private void Delete(string path)
    {
        try
        {
            if (System.IO.Directory.Exists(path))
            {
                System.IO.Directory.Delete(path, recursive: true);
            }
            else if (File.Exists(path))
            {
                File.Delete(path);
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            LogNotDeleted(logger, path, ex.Message);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Plugin package {PackageName} v{Version} downloaded from the backend and loaded; it provides {PluginIds}.")]
    private static partial void LogDownloaded(ILogger logger, string packageName, string version, IReadOnlyList<string> pluginIds);

    [LoggerMessage(Level = LogLevel.Error, Message = "Plugin package {PackageName} v{Version} from the backend is refused and not loaded: {Reason} It is skipped until the backend offers another file.")]
    private static partial void LogRefused(ILogger logger, string packageName, string version, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Plugin package {PackageName} v{Version} could not be downloaded ({Reason}); the next sync retries.")]
    private static partial void LogNotDownloaded(ILogger logger, string packageName, string version, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The index of kept plugin packages {File} cannot be read; the packages are downloaded again.")]
    private static partial void LogIndexUnreadable(ILogger logger, Exception exception, string file);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The index of kept plugin packages could not be saved to {File}.")]
    private static partial void LogIndexNotSaved(ILogger logger, Exception exception, string file);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Path} in the plugin package folder could not be deleted: {Reason}")]
    private static partial void LogNotDeleted(ILogger logger, string path, string reason);
}
