using System.Buffers;
using System.Globalization;
using System.IO.Compression;
using System.Text.RegularExpressions;

namespace WebMacs.Plugins;

/// <summary>What a package's <c>.nuspec</c> says and which assemblies it ships under <c>lib/net10.0/</c>.</summary>
internal sealed record PluginPackageManifest(string Id, string Version, IReadOnlyList<string> AssemblyFiles);

/// <summary>
/// Checks a <c>.nupkg</c> as a ZIP archive without running any of its code (reference §6.5, the wheel validation's
/// counterpart) and extracts <c>lib/net10.0/</c>: every entry must stay inside the package (no <c>../</c>, no rooted
/// paths), the archive must not expand beyond the configured size or with an implausible compression ratio (zip
/// bombs), there must be exactly one root <c>.nuspec</c> with a valid id and version, at least one assembly under
/// <c>lib/net10.0/</c>, and none of the host's own assemblies (<see cref="HostAssemblies"/>).
/// </summary>
internal static partial class PluginPackageArchive
{
    public const string LibFolder = "lib/net10.0/";
    private const int MaxCompressionRatio = 200;
    private const long RatioCheckFloorBytes = 1024 * 1024;

    /// <summary>Validates the package at <paramref name="packagePath"/> and extracts its <c>lib/net10.0/</c> folder into <paramref name="targetDirectory"/>.</summary>
    /// <exception cref="InvalidPluginPackageException">The package is malformed; the message says why.</exception>
    public static PluginPackageManifest Extract(string packagePath, string targetDirectory, PluginPackageOptions limits)
    {
        ZipArchive archive;
        try
        {
            archive = ZipFile.OpenRead(packagePath);
        }
        catch (InvalidDataException ex)
        {
            throw new InvalidPluginPackageException($"Not a valid ZIP/NuGet package archive: {ex.Message}", ex);
        }

        using (archive)
        {
            var entries = archive.Entries;
            CheckEntries(entries, limits);
            var (id, version) = PluginNuspec.Read(FindNuspec(entries), limits.MaxExtractedBytes);
            var lib = entries.Where(e => e.FullName.StartsWith(LibFolder, StringComparison.OrdinalIgnoreCase) && !e.FullName.EndsWith('/')).ToList();
            var assemblies = lib.Where(e => e.FullName.EndsWith(".dll", StringComparison.OrdinalIgnoreCase)).ToList();
            if (assemblies.Count == 0)
            {
                throw new InvalidPluginPackageException(
                    $"Package '{id}' has no assemblies under {LibFolder}. Build the plugin for net10.0 and pack it with 'dotnet pack'.");
            }

            if (assemblies.FirstOrDefault(e => HostAssemblies.IsShared(Path.GetFileNameWithoutExtension(e.Name))) is { } conflict)
            {
                throw new InvalidPluginPackageException(
                    $"Package '{id}' contains '{conflict.FullName}', which conflicts with an assembly the host provides (the .NET framework, System.*, " +
                    "Microsoft.Extensions.* or WebMacs). Reference it without shipping it (PrivateAssets=\"all\" or ExcludeAssets=\"runtime\").");
            }

            Directory.CreateDirectory(targetDirectory);
            var root = Path.TrimEndingDirectorySeparator(Path.GetFullPath(targetDirectory)) + Path.DirectorySeparatorChar;
            long budget = limits.MaxExtractedBytes;
            foreach (var entry in lib)
            {
                var destination = Path.GetFullPath(Path.Combine(root, entry.FullName[LibFolder.Length..]));
                if (!destination.StartsWith(root, StringComparison.Ordinal))
                {
                    throw Traversal(entry.FullName);
                }

                Directory.CreateDirectory(Path.GetDirectoryName(destination)!);
                budget -= CopyBounded(entry, destination, budget, limits.MaxExtractedBytes);
            }

            return new PluginPackageManifest(id, version, [.. assemblies.Where(e => e.FullName.IndexOf('/', LibFolder.Length) < 0).Select(e => e.Name)]);
        }
    }

    private static void CheckEntries(System.Collections.ObjectModel.ReadOnlyCollection<ZipArchiveEntry> entries, PluginPackageOptions limits)
    {
        if (entries.Count > limits.MaxEntries)
        {
            throw new InvalidPluginPackageException(string.Create(CultureInfo.InvariantCulture,
                $"The package holds {entries.Count:N0} entries; at most {limits.MaxEntries:N0} are allowed."));
        }

        long declared = 0;
        foreach (var entry in entries)
        {
            if (!IsSafePath(entry.FullName))
            {
                throw Traversal(entry.FullName);
            }

            if (entry.Length > RatioCheckFloorBytes && entry.Length / Math.Max(1, entry.CompressedLength) > MaxCompressionRatio)
            {
                throw new InvalidPluginPackageException(string.Create(CultureInfo.InvariantCulture,
                    $"Package entry '{entry.FullName}' expands more than {MaxCompressionRatio}:1 ({entry.CompressedLength:N0} → {entry.Length:N0} bytes); the package looks like a zip bomb."));
            }

            declared += entry.Length;
            if (declared > limits.MaxExtractedBytes)
            {
                throw TooBigExpanded(limits.MaxExtractedBytes);
            }
        }
    }

    private static ZipArchiveEntry FindNuspec(System.Collections.ObjectModel.ReadOnlyCollection<ZipArchiveEntry> entries)
    {
        var nuspecs = entries.Where(e => !e.FullName.Contains('/', StringComparison.Ordinal) && e.FullName.EndsWith(".nuspec", StringComparison.OrdinalIgnoreCase)).ToList();
        return nuspecs.Count switch
        {
            0 => throw new InvalidPluginPackageException("No .nuspec found at the root of the package. It is not a valid NuGet package."),
            1 => nuspecs[0],
            _ => throw new InvalidPluginPackageException("The package has more than one .nuspec at its root."),
        };
    }

    /// <summary>Accepts relative paths with '/' separators whose segments never climb (<c>..</c>) and that are not rooted.</summary>
    private static bool IsSafePath(string name) =>
        name.Length > 0
        && !name.StartsWith('/')
        && !name.Contains('\\', StringComparison.Ordinal)
        && !name.Contains(':', StringComparison.Ordinal)
        && !name.Contains('\0', StringComparison.Ordinal)
        && !name.Split('/').Any(s => s is "..");

    private static InvalidPluginPackageException Traversal(string name) =>
        new($"Package entry '{name}' is not a plain relative path inside the package (path traversal, rooted or backslash path).");

    private static InvalidPluginPackageException TooBigExpanded(long limit) =>
        new(string.Create(CultureInfo.InvariantCulture, $"The package expands to more than {limit:N0} bytes; the package looks like a zip bomb."));

    /// <summary>Copies one entry, counting the bytes actually decompressed (headers may lie); returns the count.</summary>
    private static long CopyBounded(ZipArchiveEntry entry, string destination, long budget, long limit)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(81920);
        try
        {
            using var source = entry.Open();
            using var target = new FileStream(destination, FileMode.Create, FileAccess.Write, FileShare.None);
            long total = 0;
            int read;
            while ((read = source.Read(buffer, 0, buffer.Length)) > 0)
            {
                total += read;
                if (total > budget)
                {
                    throw TooBigExpanded(limit);
                }

                target.Write(buffer, 0, read);
            }

            return total;
        }
        catch (InvalidDataException ex)
        {
            throw new InvalidPluginPackageException($"Package entry '{entry.FullName}' cannot be decompressed: {ex.Message}", ex);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    [GeneratedRegex("^[A-Za-z0-9_][A-Za-z0-9._-]{0,99}\\z", RegexOptions.CultureInvariant)]
    internal static partial Regex PackageId();

    [GeneratedRegex("^[0-9]+(\\.[0-9]+){1,3}(-[0-9A-Za-z.-]+)?(\\+[0-9A-Za-z.-]+)?\\z", RegexOptions.CultureInvariant)]
    internal static partial Regex PackageVersion();
}
