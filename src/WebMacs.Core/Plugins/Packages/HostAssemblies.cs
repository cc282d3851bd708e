using System.Collections.Frozen;

namespace WebMacs.Plugins;

/// <summary>
/// The assemblies the host provides to plugin packages. <see cref="IsShared"/> names those a package must not ship
/// (the .NET shared frameworks, <c>System.*</c>, <c>Microsoft.Extensions.*</c> and the WebMacs host assemblies): its
/// load context always takes them from the default context, so that types such as <see cref="DevicePlugin"/> are the
/// host's. Everything else a package ships is its own, isolated dependency.
/// </summary>
internal static class HostAssemblies
{
    private static readonly string[] SharedPrefixes = ["System.", "Microsoft.Extensions.", "Microsoft.AspNetCore.", "Microsoft.EntityFrameworkCore", "Microsoft.NETCore."];

    private static readonly string[] SharedNames =
        ["System", "mscorlib", "netstandard", "WindowsBase", "WebMacs.Plugins.Sdk", "WebMacs.Core", "WebMacs.AspNetCore", "WebMacs.Postgres", "WebMacs.Sqlite"];

    private static readonly Lazy<(FrozenSet<string> Framework, string[] Paths)> Trusted = new(ReadTrusted);

    /// <summary>Gets the file paths of the host's trusted platform assemblies (what metadata inspection resolves against).</summary>
    public static IReadOnlyList<string> Paths => Trusted.Value.Paths;

    /// <summary>Tells whether an assembly of this simple name is the host's to provide, never a package's.</summary>
    public static bool IsShared(string? simpleName) =>
        simpleName is { Length: > 0 }
        && (Trusted.Value.Framework.Contains(simpleName)
            || SharedNames.Contains(simpleName, StringComparer.OrdinalIgnoreCase)
            || SharedPrefixes.Any(p => simpleName.StartsWith(p, StringComparison.OrdinalIgnoreCase)));

    private static (FrozenSet<string> Framework, string[] Paths) ReadTrusted()
    {
        var paths = (AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES") as string ?? string.Empty)
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .ToList();
        foreach (var assembly in AppDomain.CurrentDomain.GetAssemblies())
        {
            if (!assembly.IsDynamic && !string.IsNullOrEmpty(assembly.Location) && !paths.Contains(assembly.Location, StringComparer.Ordinal))
            {
                paths.Add(assembly.Location);
            }
        }

        // The shared frameworks (Microsoft.NETCore.App, Microsoft.AspNetCore.App) sit side by side under one folder.
        var runtime = Path.GetDirectoryName(typeof(object).Assembly.Location);
        var sharedRoot = runtime is null ? null : Path.GetDirectoryName(Path.GetDirectoryName(runtime));
        var framework = paths
            .Where(p => sharedRoot is not null && p.StartsWith(sharedRoot + Path.DirectorySeparatorChar, StringComparison.Ordinal))
            .Select(Path.GetFileNameWithoutExtension)
            .OfType<string>()
            .ToFrozenSet(StringComparer.OrdinalIgnoreCase);
        return (framework, [.. paths]);
    }
}
