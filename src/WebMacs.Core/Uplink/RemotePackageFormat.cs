using System.Buffers;
using System.Text.Json;
using System.Text.RegularExpressions;
using WebMacs.Plugins;

namespace WebMacs.Uplink;

/// <summary>
/// A plugin package the backend offers for download, or one the controller keeps: the backend's public id, the
/// package id and version (which name its file and folder) and the SHA-256 recorded when it was uploaded.
/// </summary>
internal sealed record RemotePackage(Guid PublicId, string PackageName, string Version, string Sha256)
{
    /// <summary>Gets the name of the kept package file, <c>&lt;id&gt;.&lt;version&gt;.nupkg</c>.</summary>
    public string FileName => FolderName + PluginPackageService.PackageSuffix;

    /// <summary>Gets the name of the folder the package is extracted into, <c>&lt;id&gt;.&lt;version&gt;</c>.</summary>
    public string FolderName => $"{PackageName}.{Version}";
}

/// <summary>
/// Reads the backend's <c>PluginPackageResponse</c> list and writes/reads the controller's index of kept packages (the
/// same shape, so the index is readable by hand).
/// </summary>
internal static partial class RemotePackageFormat
{
    /// <summary>
    /// Parses one item of <c>GET /api/v1/plugins/packages</c>; null when it is not an uploaded package (bundled plugins
    /// have no file). Throws <see cref="FormatException"/> when the id, version or hash cannot name a file safely.
    /// </summary>
    public static RemotePackage? Parse(JsonElement item)
    {
        if (item.TryGetProperty("source", out var source) && source.ValueKind == JsonValueKind.String && source.GetString() != "uploaded")
        {
            return null;
        }

        var name = item.GetProperty("package_name").GetString() ?? string.Empty;
        var version = item.GetProperty("version").GetString() ?? string.Empty;
        var hash = item.TryGetProperty("file_hash_sha256", out var sha) && sha.ValueKind == JsonValueKind.String ? sha.GetString() ?? string.Empty : string.Empty;
        if (!PluginPackageArchive.PackageId().IsMatch(name) || !PluginPackageArchive.PackageVersion().IsMatch(version))
        {
            throw new FormatException($"The backend offers a package named '{name}' v'{version}', which is not a valid package id and version.");
        }

        if (!Sha256().IsMatch(hash))
        {
            throw new FormatException($"The backend lists package '{name}' without a SHA-256 (file_hash_sha256) to check its download against.");
        }

        return new RemotePackage(item.GetProperty("public_id").GetGuid(), name, version, hash.ToLowerInvariant());
    }

    /// <summary>Writes the kept packages as a JSON array of <c>PluginPackageResponse</c>-like objects.</summary>
    public static byte[] Write(IEnumerable<RemotePackage> packages)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            writer.WriteStartArray();
            foreach (var package in packages.OrderBy(p => p.PackageName, StringComparer.OrdinalIgnoreCase))
            {
                writer.WriteStartObject();
                writer.WriteString("public_id", package.PublicId);
                writer.WriteString("package_name", package.PackageName);
                writer.WriteString("version", package.Version);
                writer.WriteString("source", "uploaded");
                writer.WriteString("file_hash_sha256", package.Sha256);
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
        }

        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>Reads what <see cref="Write"/> wrote.</summary>
    public static List<RemotePackage> Read(ReadOnlySpan<byte> utf8)
    {
        var reader = new Utf8JsonReader(utf8);
        using var document = JsonDocument.ParseValue(ref reader);
        return [.. document.RootElement.EnumerateArray().Select(Parse).OfType<RemotePackage>()];
    }

    [GeneratedRegex("^[0-9A-Fa-f]{64}\\z", RegexOptions.CultureInvariant)]
    private static partial Regex Sha256();
}
