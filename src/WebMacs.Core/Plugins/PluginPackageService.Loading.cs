using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using WebMacs.Common;
using WebMacs.Domain;

namespace WebMacs.Plugins;

/// <summary>A stored package file ready for download: where it is, the name to offer and its SHA-256 (lowercase hex).</summary>
internal sealed record PluginPackageFile(string Path, string FileName, string Sha256);

internal sealed partial class PluginPackageService
{
    /// <summary>
    /// Loads every recorded uploaded package whose file is in the package folder (at start-up). The file is checked
    /// against its recorded SHA-256 and validated again before it is extracted and loaded; a package that fails is
    /// logged and left unloaded, the others still load.
    /// </summary>
    public async Task<int> LoadInstalledAsync(CancellationToken cancellationToken)
    {
        var rows = await db.PluginPackages.AsNoTracking().Where(p => p.Source == PluginSource.Uploaded)
            .OrderBy(p => p.InstalledOn).ThenBy(p => p.Id).ToListAsync(cancellationToken).ConfigureAwait(false);
        var count = 0;
        await loader.Gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            foreach (var row in rows.Where(r => !loader.IsLoaded(r.PackageName)))
            {
                if (StoredPath(row.FilePath) is not { } file || !file.EndsWith(PackageSuffix, StringComparison.OrdinalIgnoreCase) || !File.Exists(file))
                {
                    LogNotLoaded(logger, row.PackageName, "its file is missing from the package folder.");
                    continue;
                }

                var folder = file[..^PackageSuffix.Length];
                try
                {
                    if (row.FileHashSha256 is { Length: > 0 } expected && !string.Equals(await PluginPackageFiles.HashAsync(file, cancellationToken).ConfigureAwait(false), expected, StringComparison.OrdinalIgnoreCase))
                    {
                        throw new InvalidPluginPackageException("its file no longer matches the SHA-256 recorded at upload.");
                    }

                    loader.LoadFile(file, folder, options.Value, catalog.ListPlugins().Select(p => p.Id), row.PackageName);
                    count++;
                }
                catch (Exception ex) when (ex is InvalidPluginPackageException or IOException or UnauthorizedAccessException)
                {
                    TryDeleteDirectory(folder);
                    LogNotLoaded(logger, row.PackageName, ex.Message);
                }
            }
        }
        finally
        {
            loader.Gate.Release();
        }

        return count;
    }

    /// <summary>Finds the stored file of a package for download, with its SHA-256 computed from the file as it is now.</summary>
    public async Task<Outcome<PluginPackageFile>> FindFileAsync(string publicId, CancellationToken cancellationToken)
    {
        if (!PublicIds.TryParse(publicId, out var id)
            || await db.PluginPackages.AsNoTracking().FirstOrDefaultAsync(p => p.PublicId == id, cancellationToken).ConfigureAwait(false) is not { } package)
        {
            return Outcome.NotFound(Entity, publicId);
        }

        if (StoredPath(package.FilePath) is not { } file || !File.Exists(file))
        {
            return Outcome.NotFound($"Plugin package '{publicId}' has no stored file to download.");
        }

        var hash = await PluginPackageFiles.HashAsync(file, cancellationToken).ConfigureAwait(false);
        return new PluginPackageFile(file, $"{package.PackageName}.{package.Version}{PackageSuffix}", hash);
    }

    /// <summary>Resolves a recorded file path; null unless it lies inside the package folder.</summary>
    private string? StoredPath(string? filePath)
    {
        if (string.IsNullOrEmpty(filePath))
        {
            return null;
        }

        var directory = Path.TrimEndingDirectorySeparator(PackageDirectory) + Path.DirectorySeparatorChar;
        var full = Path.GetFullPath(filePath, directory);
        return full.StartsWith(directory, StringComparison.Ordinal) ? full : null;
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Plugin package {PackageName} was not loaded: {Reason}")]
    private static partial void LogNotLoaded(ILogger logger, string packageName, string reason);
}
