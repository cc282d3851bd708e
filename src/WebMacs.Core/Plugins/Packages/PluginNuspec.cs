using System.Xml;
using System.Xml.Linq;
using System.IO.Compression;

namespace WebMacs.Plugins;

/// <summary>Reads the id and version from a package's <c>.nuspec</c> (no DTDs, no external resources, bounded size).</summary>
internal static class PluginNuspec
{
    public static (string Id, string Version) Read(ZipArchiveEntry entry, long maxBytes)
    {
        XDocument document;
        try
        {
            using var stream = entry.Open();
            using var reader = XmlReader.Create(stream, new XmlReaderSettings
            {
                DtdProcessing = DtdProcessing.Prohibit,
                XmlResolver = null,
                MaxCharactersInDocument = Math.Min(maxBytes, 4L * 1024 * 1024),
            });
            document = XDocument.Load(reader);
        }
        catch (Exception ex) when (ex is XmlException or InvalidDataException)
        {
            throw new InvalidPluginPackageException($"The package's {entry.FullName} is not valid XML: {ex.Message}", ex);
        }

        var metadata = document.Root is { Name.LocalName: "package" } root ? root.Elements().FirstOrDefault(e => e.Name.LocalName == "metadata") : null;
        var id = metadata?.Elements().FirstOrDefault(e => e.Name.LocalName == "id")?.Value.Trim();
        var version = metadata?.Elements().FirstOrDefault(e => e.Name.LocalName == "version")?.Value.Trim();
        if (string.IsNullOrEmpty(id) || string.IsNullOrEmpty(version))
        {
            throw new InvalidPluginPackageException($"The package's {entry.FullName} has no <package><metadata> with an <id> and a <version>.");
        }

        if (!PluginPackageArchive.PackageId().IsMatch(id))
        {
            throw new InvalidPluginPackageException($"Package id '{id}' is not valid: use letters, digits, '.', '_' and '-' (at most 100 characters).");
        }

        if (!PluginPackageArchive.PackageVersion().IsMatch(version))
        {
            throw new InvalidPluginPackageException($"Package version '{version}' is not a valid version (e.g. 1.2.0 or 1.2.0-beta.1).");
        }

        return (id, version);
    }
}
