using System.Reflection;

namespace WebMacs.Plugins;

/// <summary>One plugin type a package declares: the assembly (simple name) and the type's full name.</summary>
internal sealed record DeclaredPluginType(string AssemblyName, string TypeName);

/// <summary>
/// Finds the <c>[assembly: WebMacsPlugin(typeof(…))]</c> declarations of extracted package assemblies by reading their
/// metadata in a <see cref="MetadataLoadContext"/>, so no code of the package runs before it is accepted. Each named
/// type must be a public, non-abstract, non-generic <see cref="DevicePlugin"/>.
/// </summary>
internal static class PluginAssemblyInspector
{
    private static readonly string AttributeName = typeof(WebMacsPluginAttribute).FullName!;
    private static readonly string PluginBaseName = typeof(DevicePlugin).FullName!;
    private static readonly string SdkName = typeof(DevicePlugin).Assembly.GetName().Name!;

    /// <exception cref="InvalidPluginPackageException">An assembly is unreadable, a declaration names an unusable type, or there is none.</exception>
    public static IReadOnlyList<DeclaredPluginType> Inspect(string packageId, string directory, IReadOnlyList<string> assemblyFiles)
    {
        var own = Directory.EnumerateFiles(directory, "*.dll", SearchOption.TopDirectoryOnly).ToList();
        var resolver = new PathAssemblyResolver([.. HostAssemblies.Paths.Where(p => !own.Any(o => SameName(o, p))), .. own]);
        using var context = new MetadataLoadContext(resolver, typeof(object).Assembly.GetName().Name);
        var found = new List<DeclaredPluginType>();
        foreach (var file in assemblyFiles)
        {
            var display = PluginPackageArchive.LibFolder + file;
            Assembly assembly;
            try
            {
                assembly = context.LoadFromAssemblyPath(Path.Combine(directory, file));
            }
            catch (Exception ex) when (ex is BadImageFormatException or FileLoadException)
            {
                throw new InvalidPluginPackageException($"'{display}' in package '{packageId}' is not a .NET assembly: {ex.Message}", ex);
            }

            try
            {
                foreach (var attribute in assembly.GetCustomAttributesData().Where(a => a.AttributeType.FullName == AttributeName))
                {
                    if (attribute.ConstructorArguments is not [{ Value: Type type }])
                    {
                        throw new InvalidPluginPackageException($"A [WebMacsPlugin] attribute in '{display}' names no type.");
                    }

                    Check(type, display);
                    found.Add(new DeclaredPluginType(assembly.GetName().Name!, type.FullName!));
                }
            }
            catch (FileNotFoundException ex)
            {
                throw new InvalidPluginPackageException(
                    $"'{display}' in package '{packageId}' depends on an assembly that is neither in the package nor in the host: {ex.FileName ?? ex.Message}", ex);
            }
        }

        return found.Count > 0
            ? found
            : throw new InvalidPluginPackageException(
                $"Package '{packageId}' does not declare a plugin: no assembly under {PluginPackageArchive.LibFolder} carries [assembly: WebMacsPlugin(typeof(…))]. " +
                "It is not a valid WebMacs plugin package.");
    }

    private static void Check(Type type, string display)
    {
        var name = type.FullName ?? type.Name;
        if (!(type.IsPublic || type.IsNestedPublic) || type.IsAbstract || type.IsGenericTypeDefinition)
        {
            throw new InvalidPluginPackageException($"[WebMacsPlugin] in '{display}' names {name}, which is not a public, non-abstract, non-generic class.");
        }

        for (var current = type.BaseType; current is not null; current = current.BaseType)
        {
            if (current.FullName == PluginBaseName && current.Assembly.GetName().Name == SdkName)
            {
                return;
            }
        }

        throw new InvalidPluginPackageException($"[WebMacsPlugin] in '{display}' names {name}, which does not derive from {PluginBaseName}.");
    }

    private static bool SameName(string a, string b) =>
        string.Equals(Path.GetFileName(a), Path.GetFileName(b), StringComparison.OrdinalIgnoreCase);
}
