using System.IO.Compression;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace WebMacs.AspNetCore.Tests.Plugins.Packages;

/// <summary>
/// Builds a real plugin package for the upload tests: a small device plugin compiled with Roslyn against the SDK the
/// host runs (plus a helper assembly it depends on, shipped beside it), zipped with a <c>.nuspec</c> as
/// <c>dotnet pack</c> lays it out. Each property bends one rule so a test can build a package that must be refused.
/// </summary>
internal sealed class TestPluginPackage
{
    private static readonly Lazy<MetadataReference[]> HostReferences = new(() =>
        [.. ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(p => MetadataReference.CreateFromFile(p))]);

    /// <summary>Gets a fresh package id, plugin id and namespace (packages of one host must not collide).</summary>
    public TestPluginPackage()
    {
        var suffix = Guid.NewGuid().ToString("N")[..10];
        Id = $"TestVendor.Gauge{suffix}";
        PluginId = $"gauge-{suffix}";
        Namespace = $"TestVendor.Gauge{suffix}";
    }

    public string Id { get; init; }

    public string Version { get; init; } = "1.2.0";

    public string PluginId { get; init; }

    public string Namespace { get; }

    /// <summary>Gets or sets whether the plugin assembly carries <c>[assembly: WebMacsPlugin(typeof(…))]</c>.</summary>
    public bool DeclarePlugin { get; init; } = true;

    /// <summary>Gets or sets whether the attribute names a type that is not a device plugin.</summary>
    public bool DeclareNonPlugin { get; init; }

    public bool IncludeNuspec { get; init; } = true;

    /// <summary>Gets or sets the folder the assemblies go to.</summary>
    public string LibFolder { get; init; } = "lib/net10.0/";

    /// <summary>Gets the additional archive entries (name, bytes).</summary>
    public List<(string Name, byte[] Content)> ExtraEntries { get; } = [];

    /// <summary>Gets the last value the plugin (in any load context) wrote to a channel; it keeps it in <see cref="AppContext"/>.</summary>
    public double? LastWrite(string channelId) => AppContext.GetData($"{PluginId}.{channelId}") as double?;

    /// <summary>Replaces the last written value of a channel (a marker a later write must overwrite).</summary>
    public void SetLastWrite(string channelId, double value) => AppContext.SetData($"{PluginId}.{channelId}", value);

    /// <summary>Gets the plugin assembly's file name.</summary>
    public string AssemblyFile => Namespace + ".dll";

    public byte[] Build()
    {
        var helper = Compile(Namespace + ".Helpers", $$"""
            namespace {{Namespace}}.Helpers;
            public static class Scale { public const double Max = 500; public static string Unit => "mm"; }
            """);
        var attribute = !DeclarePlugin ? "" : DeclareNonPlugin ? $"[assembly: WebMacsPlugin(typeof({Namespace}.NotAPlugin))]" : $"[assembly: WebMacsPlugin(typeof({Namespace}.GaugePlugin))]";
        var plugin = Compile(Namespace, $$"""
            using WebMacs.Plugins;
            using {{Namespace}}.Helpers;
            {{attribute}}
            namespace {{Namespace}};
            public sealed class NotAPlugin { }
            public sealed class GaugePlugin : DevicePlugin
            {
                private static readonly PluginDescriptor Meta = new() { Id = "{{PluginId}}", Name = "Gauge {{PluginId}}", Version = "{{Version}}", Vendor = "Test Vendor", Description = "A gauge loaded from a package." };
                public override PluginDescriptor Descriptor => Meta;
                protected override IReadOnlyList<ChannelDescriptor> GetChannels() =>
                [
                    new() { Id = "level", Name = "Level", Direction = ChannelDirection.Input, Unit = Scale.Unit, MinValue = 0, MaxValue = Scale.Max },
                    new() { Id = "valve", Name = "Valve", Direction = ChannelDirection.Output, Unit = "%", MinValue = 0, MaxValue = 100, SafeValue = 0 },
                ];
                protected override ValueTask<double?> ReadCoreAsync(string channelId, CancellationToken ct) => ValueTask.FromResult<double?>(1);
                protected override ValueTask WriteCoreAsync(string channelId, double raw, CancellationToken ct)
                {
                    AppContext.SetData("{{PluginId}}." + channelId, raw);
                    return default;
                }
            }
            """, MetadataReference.CreateFromImage(helper));

        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            if (IncludeNuspec)
            {
                Add(zip, Id + ".nuspec", Encoding.UTF8.GetBytes($"""
                    <?xml version="1.0" encoding="utf-8"?>
                    <package xmlns="http://schemas.microsoft.com/packaging/2013/05/nuspec.xsd">
                      <metadata><id>{Id}</id><version>{Version}</version><authors>Test</authors><description>Test plugin</description></metadata>
                    </package>
                    """));
            }

            Add(zip, LibFolder + AssemblyFile, plugin);
            Add(zip, LibFolder + Namespace + ".Helpers.dll", helper);
            Add(zip, "[Content_Types].xml", Encoding.UTF8.GetBytes("<Types/>"));
            foreach (var (name, content) in ExtraEntries)
            {
                Add(zip, name, content);
            }
        }

        return buffer.ToArray();
    }

    private static void Add(ZipArchive zip, string name, byte[] content)
    {
        using var stream = zip.CreateEntry(name, CompressionLevel.Optimal).Open();
        stream.Write(content);
    }

    private static byte[] Compile(string assemblyName, string source, params MetadataReference[] extra)
    {
        var tree = CSharpSyntaxTree.ParseText(
            "global using System; global using System.Collections.Generic; global using System.Threading; global using System.Threading.Tasks;\n" + source,
            new CSharpParseOptions(LanguageVersion.Latest));
        var compilation = CSharpCompilation.Create(assemblyName, [tree], [.. HostReferences.Value, .. extra],
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
        using var output = new MemoryStream();
        var result = compilation.Emit(output);
        if (!result.Success)
        {
            throw new InvalidOperationException("The test plugin does not compile: " + string.Join(Environment.NewLine, result.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error)));
        }

        return output.ToArray();
    }
}
