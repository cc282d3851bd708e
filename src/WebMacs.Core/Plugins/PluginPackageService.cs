using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using WebMacs.Common;
using WebMacs.Domain;
using WebMacs.Persistence;

namespace WebMacs.Plugins;

/// <summary>
/// Plugin packages (reference §4.3 routes 68–70, §6.5): uploaded <c>.nupkg</c> files are validated without running
/// their code, stored in the package folder, recorded and loaded into their own load context
/// (<see cref="PluginPackageLoader"/>); removing one unloads it and deletes its file and extracted folder when they lie
/// inside the package folder.
/// </summary>
internal sealed partial class PluginPackageService(
    WebMacsDbContext db,
    IOptions<PluginPackageOptions> options,
    IOptions<WebMacsOptions> webMacs,
    PluginPackageLoader loader,
    IPluginCatalog catalog,
    TimeProvider time,
    ILogger<PluginPackageService> logger)
{
    private const string Entity = "Plugin package";

    /// <summary>Gets the folder of uploaded packages.</summary>
    public string PackageDirectory => Path.GetFullPath(
        options.Value.PackageDirectory is { Length: > 0 } configured ? configured : Path.Combine(webMacs.Value.DataDirectory, "plugins"));

    /// <summary>Lists every package, oldest first.</summary>
    public async Task<List<PluginPackageView>> ListAsync(CancellationToken cancellationToken)
    {
        var rows = await db.PluginPackages.AsNoTracking().OrderBy(p => p.InstalledOn).ThenBy(p => p.Id).ToListAsync(cancellationToken).ConfigureAwait(false);
        return [.. rows.Select(p => new PluginPackageView(p.PublicId, p.PackageName, p.Version, p.Source, ParsePluginIds(p.PluginIds), p.FileSizeBytes, p.FileHashSha256, p.InstalledOn))];
    }

    /// <summary>Removes an uploaded package; returns its name for the message.</summary>
    public async Task<Outcome<string>> DeleteAsync(string publicId, CancellationToken cancellationToken)
    {
        if (!PublicIds.TryParse(publicId, out var id)
            || await db.PluginPackages.AsNoTracking().FirstOrDefaultAsync(p => p.PublicId == id, cancellationToken).ConfigureAwait(false) is not { } package)
        {
            return Outcome.NotFound(Entity, publicId);
        }

        if (package.Source == PluginSource.Bundled)
        {
            return Outcome.BadRequest("Bundled plugins cannot be removed.");
        }

        if (!PackageName().IsMatch(package.PackageName))
        {
            return Outcome.BadRequest("Invalid package name.");
        }

        await loader.Gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await db.PluginPackages.Where(p => p.Id == package.Id).ExecuteDeleteAsync(cancellationToken).ConfigureAwait(false);
            loader.Unload(package.PackageName);
            DeleteStoredFile(package.FilePath);
        }
        finally
        {
            loader.Gate.Release();
        }

        LogUninstalled(logger, package.PackageName);
        return package.PackageName;
    }

    /// <summary>Reads the stored JSON array of plugin ids; anything unreadable gives an empty list, non-string items are left out.</summary>
    internal static IReadOnlyList<string> ParsePluginIds(string? json)
    {
        if (string.IsNullOrEmpty(json))
        {
            return [];
        }

        try
        {
            using var document = JsonDocument.Parse(json);
            return document.RootElement.ValueKind == JsonValueKind.Array
                ? [.. document.RootElement.EnumerateArray().Where(e => e.ValueKind == JsonValueKind.String).Select(e => e.GetString()!)]
                : [];
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException)
        {
            return [];
        }
    }

    private void DeleteStoredFile(string? filePath)
    {
        if (string.IsNullOrEmpty(filePath))
        {
            return;
        }

        try
        {
            var directory = Path.TrimEndingDirectorySeparator(PackageDirectory) + Path.DirectorySeparatorChar;
            var full = Path.GetFullPath(filePath, directory);
            if (full.StartsWith(directory, StringComparison.Ordinal) && File.Exists(full))
            {
                File.Delete(full);
            }

            // The extracted lib/net10.0 folder sits beside the package file, named like it without ".nupkg".
            if (full.StartsWith(directory, StringComparison.Ordinal) && full.EndsWith(PackageSuffix, StringComparison.OrdinalIgnoreCase)
                && Directory.Exists(full[..^PackageSuffix.Length]))
            {
                Directory.Delete(full[..^PackageSuffix.Length], recursive: true);
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            LogFileNotDeleted(logger, filePath, ex.Message);
        }
    }

    [GeneratedRegex("^[a-zA-Z0-9._-]+\\z", RegexOptions.CultureInvariant)]
    private static partial Regex PackageName();

    [LoggerMessage(Level = LogLevel.Information, Message = "Plugin package {PackageName} uninstalled.")]
    private static partial void LogUninstalled(ILogger logger, string packageName);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The file {FilePath} of an uninstalled plugin package could not be deleted: {Reason}")]
    private static partial void LogFileNotDeleted(ILogger logger, string filePath, string reason);
}
