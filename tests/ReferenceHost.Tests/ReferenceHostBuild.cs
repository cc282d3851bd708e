using System.Reflection;

namespace WebMacs.ReferenceHost.Tests;

/// <summary>Finds the ReferenceHost.dll that the build produced next to this test project, in the same configuration.</summary>
internal static class ReferenceHostBuild
{
    private const string SolutionFile = "WebMacs.Framework.sln";

    public static string DllPath { get; } = Find();

    private static string Find()
    {
        var configuration = Metadata("ReferenceHostConfiguration");
        var targetFramework = Metadata("ReferenceHostTargetFramework");
        var root = new DirectoryInfo(AppContext.BaseDirectory);
        while (root is not null && !File.Exists(Path.Combine(root.FullName, SolutionFile)))
        {
            root = root.Parent;
        }

        if (root is null)
        {
            throw new InvalidOperationException($"No {SolutionFile} above {AppContext.BaseDirectory}; cannot locate samples/ReferenceHost.");
        }

        var path = Path.Combine(root.FullName, "samples", "ReferenceHost", "bin", configuration, targetFramework, "ReferenceHost.dll");
        return File.Exists(path)
            ? path
            : throw new InvalidOperationException($"{path} does not exist; build samples/ReferenceHost in {configuration} (building this test project does it).");
    }

    private static string Metadata(string key) =>
        typeof(ReferenceHostBuild).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().SingleOrDefault(a => a.Key == key)?.Value
        ?? throw new InvalidOperationException($"The test assembly has no [AssemblyMetadata(\"{key}\")]; see ReferenceHost.Tests.csproj.");
}
