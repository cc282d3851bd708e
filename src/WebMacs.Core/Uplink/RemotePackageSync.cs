using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using WebMacs.Plugins;

namespace WebMacs.Uplink;

/// <summary>
/// The plugin packages of an edge controller (<c>AddUplink()</c>, <see cref="UplinkOptions.DownloadPackages"/>): at
/// each configuration sync it lists the packages the backend offers (<c>GET /api/v1/plugins/packages</c>), downloads
/// those it does not keep yet, checks each download's SHA-256 against both the <c>X-Package-Sha256</c> header and the
/// listing, validates it with the backend's rules (<see cref="PluginPackageArchive"/>, <see cref="PluginAssemblyInspector"/>)
/// and loads it into its own load context (<see cref="PluginPackageLoader"/>), so the acquisition engine can start the
/// instances of its plugins. A package the backend no longer offers (or offers as another file) is unloaded; the engine
/// then stops the instances of its plugins. A refused package is logged and skipped until the backend offers another
/// file; nothing of it stays loaded or on disk. Kept packages and an index of them live in the package folder, so a
/// controller restarted while the backend is unreachable loads the last good packages (each checked against the hash
/// it was downloaded with).
/// </summary>
internal sealed partial class RemotePackageSync(
    IHttpClientFactory http,
    PluginPackageLoader loader,
    IPluginCatalog catalog,
    IOptions<PluginPackageOptions> limits,
    string directory,
    ILogger<RemotePackageSync> logger)
{
    /// <summary>The name of the index of kept packages in the package folder.</summary>
    public const string IndexFileName = "packages.json";

    private const string StagingFolder = ".staging";
    private readonly Dictionary<string, RemotePackage> kept = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, string> refused = new(StringComparer.OrdinalIgnoreCase);
    private readonly List<string> trash = [];
    private bool opened;
    private bool unreachable;

    /// <summary>Gets the folder the downloaded packages are kept in.</summary>
    public string Directory => directory;

    /// <summary>
    /// Brings the loaded packages in line with what the backend offers; when the backend cannot be reached, loads the
    /// kept packages that are not loaded yet (a restart without network). Never throws but for cancellation.
    /// </summary>
    public async Task SyncAsync(CancellationToken cancellationToken)
    {
        await loader.Gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (!opened)
            {
                opened = true;
                Open();
            }

            EmptyTrash();
            List<RemotePackage> offered;
            try
            {
                offered = await ListAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                if (!unreachable)
                {
                    LogNotListed(logger, ex is OperationCanceledException ? "no answer in time" : ex.Message, kept.Count);
                }

                unreachable = true;
                await LoadKeptAsync(cancellationToken).ConfigureAwait(false);
                return;
            }

            unreachable = false;
            await ApplyAsync(offered, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // A package problem must never stop the controller's configuration sync.
            LogSyncFailed(logger, ex);
        }
        finally
        {
            loader.Gate.Release();
        }
    }

    private async Task ApplyAsync(List<RemotePackage> offered, CancellationToken ct)
    {
        var byName = new Dictionary<string, RemotePackage>(StringComparer.OrdinalIgnoreCase);
        foreach (var package in offered)
        {
            byName.TryAdd(package.PackageName, package);
        }

        // A replaced package is downloaded at the next sync, once the engine stopped the old one's instances and its files are gone.
        var removed = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var package in kept.Values.ToList())
        {
            if (!byName.TryGetValue(package.PackageName, out var now))
            {
                Remove(package, "the backend no longer offers it");
            }
            else if (!PluginPackageFiles.SameHash(now.Sha256, package.Sha256))
            {
                Remove(package, $"the backend now offers v{now.Version} as another file");
                removed.Add(package.PackageName);
            }
        }

        foreach (var (name, sha) in refused.ToList())
        {
            if (!byName.TryGetValue(name, out var now) || !PluginPackageFiles.SameHash(now.Sha256, sha))
            {
                refused.Remove(name);
            }
        }

        await LoadKeptAsync(ct).ConfigureAwait(false);
        foreach (var package in byName.Values)
        {
            if (!kept.ContainsKey(package.PackageName) && !refused.ContainsKey(package.PackageName) && !removed.Contains(package.PackageName))
            {
                await DownloadAsync(package, ct).ConfigureAwait(false);
            }
        }
    }

    /// <summary>Reads the packages the backend offers (the list is one array, not paged); an unusable item is logged and left out.</summary>
    private async Task<List<RemotePackage>> ListAsync(CancellationToken ct)
    {
        using var response = await http.CreateClient(RemoteAcquisitionSource.HttpClientName)
            .GetAsync(new Uri("api/v1/plugins/packages", UriKind.Relative), ct).ConfigureAwait(false);
        RemoteAcquisitionSource.EnsureSuccess(response, "GET /api/v1/plugins/packages");
        var stream = await response.Content.ReadAsStreamAsync(ct).ConfigureAwait(false);
        await using (stream.ConfigureAwait(false))
        {
            using var document = await JsonDocument.ParseAsync(stream, default, ct).ConfigureAwait(false);
            var packages = new List<RemotePackage>();
            foreach (var item in document.RootElement.EnumerateArray())
            {
                try
                {
                    if (RemotePackageFormat.Parse(item) is { } package)
                    {
                        packages.Add(package);
                    }
                }
                catch (Exception ex) when (ex is FormatException or KeyNotFoundException or InvalidOperationException)
                {
                    LogUnusableListing(logger, ex.Message);
                }
            }

            return packages;
        }
    }

    /// <summary>Loads the kept packages that are not loaded, each checked against the hash it was downloaded with; a failing one is forgotten.</summary>
    private async Task LoadKeptAsync(CancellationToken ct)
    {
        foreach (var package in kept.Values.Where(p => !loader.IsLoaded(p.PackageName)).ToList())
        {
            var file = Path.Combine(directory, package.FileName);
            try
            {
                if (!File.Exists(file))
                {
                    throw new InvalidPluginPackageException("its file is missing from the package folder.");
                }

                if (!PluginPackageFiles.SameHash(await PluginPackageFiles.HashAsync(file, ct).ConfigureAwait(false), package.Sha256))
                {
                    throw new InvalidPluginPackageException("its file no longer matches the SHA-256 it was downloaded with.");
                }

                var loaded = Load(package, file);
                LogKeptLoaded(logger, package.PackageName, package.Version, loaded.PluginIds);
            }
            catch (Exception ex) when (ex is InvalidPluginPackageException or IOException or UnauthorizedAccessException)
            {
                // Forgotten, not refused: the next sync that reaches the backend downloads it again.
                LogKeptNotLoaded(logger, package.PackageName, package.Version, ex.Message);
                kept.Remove(package.PackageName);
                Delete(file);
                Delete(Path.Combine(directory, package.FolderName));
                SaveIndex();
            }
        }
    }

    private LoadedPluginPackage Load(RemotePackage package, string file) =>
        loader.LoadFile(file, Path.Combine(directory, package.FolderName), limits.Value, catalog.ListPlugins().Select(p => p.Id), package.PackageName);

    /// <summary>Unloads a kept package; its file and folder are deleted at the next sync, once the engine stopped its instances.</summary>
    private void Remove(RemotePackage package, string reason)
    {
        loader.Unload(package.PackageName);
        kept.Remove(package.PackageName);
        trash.Add(Path.Combine(directory, package.FileName));
        trash.Add(Path.Combine(directory, package.FolderName));
        SaveIndex();
        LogRemoved(logger, package.PackageName, package.Version, reason);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The plugin packages could not be listed ({Reason}); the {Count} kept packages stay in use and every sync retries.")]
    private static partial void LogNotListed(ILogger logger, string reason, int count);

    [LoggerMessage(Level = LogLevel.Error, Message = "The plugin package sync failed; the loaded packages stay in use and the next sync retries.")]
    private static partial void LogSyncFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "A plugin package of the backend is skipped: {Reason}")]
    private static partial void LogUnusableListing(ILogger logger, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Kept plugin package {PackageName} v{Version} loaded; it provides {PluginIds}.")]
    private static partial void LogKeptLoaded(ILogger logger, string packageName, string version, IReadOnlyList<string> pluginIds);

    [LoggerMessage(Level = LogLevel.Error, Message = "Kept plugin package {PackageName} v{Version} was not loaded and is deleted: {Reason}")]
    private static partial void LogKeptNotLoaded(ILogger logger, string packageName, string version, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Plugin package {PackageName} v{Version} is unloaded: {Reason}; the instances of its plugins stop.")]
    private static partial void LogRemoved(ILogger logger, string packageName, string version, string reason);
}
