using System.Reflection;
using Microsoft.Extensions.Logging;

namespace WebMacs.Plugins;

/// <summary>One loaded package: its load context and the plugins it offers.</summary>
internal sealed record LoadedPluginPackage(string PackageId, PluginLoadContext Context, IReadOnlyList<DevicePluginRegistration> Registrations, IReadOnlyList<IPluginDefinition> Definitions)
{
    /// <summary>Gets the plugin ids the package provides.</summary>
    public IReadOnlyList<string> PluginIds => [.. Definitions.Select(d => d.Meta.Id)];
}

/// <summary>
/// Loads plugin packages into their own collectible <see cref="PluginLoadContext"/> and offers their plugins to the
/// catalogue (<see cref="DefaultPluginCatalog"/>) while they are loaded; unloading removes them again without a
/// restart. It needs no database, so a controller can load packages it downloaded the same way.
/// </summary>
internal sealed partial class PluginPackageLoader(IServiceProvider services, ILogger<PluginPackageLoader> logger) : IDisposable
{
    private readonly Lock sync = new();
    private readonly Dictionary<string, LoadedPluginPackage> packages = new(StringComparer.OrdinalIgnoreCase);
    private IReadOnlyList<IPluginDefinition> definitions = [];

    /// <summary>Gets the gate that serialises installs and removals (one package operation at a time).</summary>
    public SemaphoreSlim Gate { get; } = new(1, 1);

    /// <summary>Gets a number that changes whenever a package is loaded or unloaded.</summary>
    public int Generation { get; private set; }

    /// <summary>Gets the plugins of every loaded package.</summary>
    public IReadOnlyList<IPluginDefinition> Definitions => Volatile.Read(ref definitions);

    /// <summary>Gets the registrations of every loaded package's plugins (for hosts that create instances themselves).</summary>
    public IReadOnlyList<DevicePluginRegistration> Registrations
    {
        get
        {
            lock (sync)
            {
                return [.. packages.Values.SelectMany(p => p.Registrations)];
            }
        }
    }

    /// <summary>Tells whether a package of that id is loaded.</summary>
    public bool IsLoaded(string packageId)
    {
        lock (sync)
        {
            return packages.ContainsKey(packageId);
        }
    }

    /// <summary>
    /// Loads the package extracted to <paramref name="directory"/>, creating each declared plugin once to read its
    /// descriptor. Plugin ids in <paramref name="takenIds"/> (offered by other plugins) are refused as a conflict.
    /// </summary>
    /// <exception cref="InvalidPluginPackageException">The package cannot be loaded; nothing of it stays loaded.</exception>
    public LoadedPluginPackage Load(string packageId, string directory, IReadOnlyList<DeclaredPluginType> declared, IEnumerable<string> takenIds)
    {
        if (IsLoaded(packageId))
        {
            throw new InvalidPluginPackageException($"Plugin package '{packageId}' is already loaded.") { IsConflict = true };
        }

        var context = new PluginLoadContext(packageId, directory);
        try
        {
            var registrations = new List<DevicePluginRegistration>();
            var found = new List<IPluginDefinition>();
            var taken = new HashSet<string>(takenIds, StringComparer.Ordinal);
            foreach (var plugin in declared)
            {
                var type = context.LoadOwn(plugin.AssemblyName).GetType(plugin.TypeName, throwOnError: true)!;
                var registration = DevicePluginRegistration.Create(type, packageId);
                var definition = new DevicePluginDefinition(registration, services);
                var id = definition.Meta.Id;
                if (!taken.Add(id))
                {
                    throw new InvalidPluginPackageException($"Plugin id '{id}' of package '{packageId}' is already provided by another plugin.") { IsConflict = true };
                }

                registrations.Add(registration);
                found.Add(definition);
            }

            var loaded = new LoadedPluginPackage(packageId, context, registrations, found);
            lock (sync)
            {
                packages[packageId] = loaded;
                Publish();
            }

            LogLoaded(logger, packageId, loaded.PluginIds);
            return loaded;
        }
        catch (Exception ex) when (ex is not InvalidPluginPackageException and not OutOfMemoryException)
        {
            context.Unload();
            var reason = ex is TargetInvocationException { InnerException: { } inner } ? inner.Message : ex.Message;
            throw new InvalidPluginPackageException($"Plugin package '{packageId}' could not be loaded: {reason}", ex);
        }
        catch (InvalidPluginPackageException)
        {
            context.Unload();
            throw;
        }
    }

    /// <summary>
    /// Checks the package file by the <see cref="PluginPackageArchive"/> rules, extracts it into
    /// <paramref name="directory"/> (emptied first), finds its plugins without running its code
    /// (<see cref="PluginAssemblyInspector"/>) and loads it (<see cref="Load"/>). The backend loads its stored packages
    /// this way and a controller the packages it downloaded; <paramref name="expectedId"/>, when given, must be the id
    /// the package's <c>.nuspec</c> declares.
    /// </summary>
    /// <exception cref="InvalidPluginPackageException">The package is malformed or cannot be loaded; nothing of it stays loaded.</exception>
    /// <exception cref="IOException">The folder cannot be emptied or written.</exception>
    public LoadedPluginPackage LoadFile(string packageFile, string directory, PluginPackageOptions limits, IEnumerable<string> takenIds, string? expectedId = null)
    {
        if (Directory.Exists(directory))
        {
            Directory.Delete(directory, recursive: true);
        }

        var manifest = PluginPackageArchive.Extract(packageFile, directory, limits);
        if (expectedId is not null && !string.Equals(manifest.Id, expectedId, StringComparison.OrdinalIgnoreCase))
        {
            throw new InvalidPluginPackageException($"The package file declares the id '{manifest.Id}', not '{expectedId}'.");
        }

        var declared = PluginAssemblyInspector.Inspect(manifest.Id, directory, manifest.AssemblyFiles);
        return Load(expectedId ?? manifest.Id, directory, declared, takenIds);
    }

    /// <summary>Removes a package's plugins from the catalogue and unloads its context (collected once nothing uses it any more).</summary>
    public bool Unload(string packageId)
    {
        LoadedPluginPackage? removed;
        lock (sync)
        {
            if (!packages.Remove(packageId, out removed))
            {
                return false;
            }

            Publish();
        }

        removed.Context.Unload();
        LogUnloaded(logger, packageId);
        return true;
    }

    public void Dispose()
    {
        lock (sync)
        {
            foreach (var package in packages.Values)
            {
                package.Context.Unload();
            }

            packages.Clear();
            Publish();
        }

        Gate.Dispose();
    }

    private void Publish()
    {
        Volatile.Write(ref definitions, [.. packages.Values.SelectMany(p => p.Definitions)]);
        Generation++;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Plugin package {PackageId} loaded; it provides {PluginIds}.")]
    private static partial void LogLoaded(ILogger logger, string packageId, IReadOnlyList<string> pluginIds);

    [LoggerMessage(Level = LogLevel.Information, Message = "Plugin package {PackageId} unloaded.")]
    private static partial void LogUnloaded(ILogger logger, string packageId);
}
