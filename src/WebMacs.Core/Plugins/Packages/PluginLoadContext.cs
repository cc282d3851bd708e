using System.Reflection;
using System.Runtime.InteropServices;
using System.Runtime.Loader;

namespace WebMacs.Plugins;

/// <summary>
/// The collectible load context of one plugin package. The host's shared assemblies (<see cref="HostAssemblies"/>:
/// the framework, Microsoft.Extensions, the WebMacs SDK) come from the default context, so <see cref="DevicePlugin"/>
/// is one type for host and plugin; the package's own assemblies and dependencies come from its folder. Assemblies
/// are read into memory rather than mapped, so the folder can be deleted after <see cref="AssemblyLoadContext.Unload"/>
/// on every platform.
/// </summary>
internal sealed class PluginLoadContext(string packageId, string directory) : AssemblyLoadContext($"WebMacs.Plugins.Package:{packageId}", isCollectible: true)
{
    /// <summary>Loads one of the package's own assemblies by simple name.</summary>
    public Assembly LoadOwn(string simpleName) =>
        Load(new AssemblyName(simpleName)) ?? throw new FileNotFoundException($"The package has no assembly '{simpleName}'.", simpleName + ".dll");

    protected override Assembly? Load(AssemblyName assemblyName)
    {
        if (HostAssemblies.IsShared(assemblyName.Name) || assemblyName.Name is null)
        {
            return null;
        }

        var path = Path.Combine(directory, assemblyName.Name + ".dll");
        if (!File.Exists(path))
        {
            return null;
        }

        using var image = new MemoryStream(File.ReadAllBytes(path), writable: false);
        var symbolsPath = Path.ChangeExtension(path, ".pdb");
        if (!File.Exists(symbolsPath))
        {
            return LoadFromStream(image);
        }

        using var symbols = new MemoryStream(File.ReadAllBytes(symbolsPath), writable: false);
        return LoadFromStream(image, symbols);
    }

    protected override IntPtr LoadUnmanagedDll(string unmanagedDllName)
    {
        foreach (var candidate in new[] { unmanagedDllName, "lib" + unmanagedDllName + ".so", unmanagedDllName + ".so", unmanagedDllName + ".dll", "lib" + unmanagedDllName + ".dylib" })
        {
            var path = Path.Combine(directory, candidate);
            if (File.Exists(path) && NativeLibrary.TryLoad(path, out var handle))
            {
                return handle;
            }
        }

        return IntPtr.Zero;
    }
}
