using System.Reflection;
using System.Runtime.CompilerServices;
using PublicApiGenerator;
using Xunit;

namespace WebMacs.Testing.Api;

/// <summary>
/// Approves a package's public API against a committed <c>&lt;Assembly&gt;.approved.txt</c> next to the calling test.
/// A difference fails the test and writes <c>&lt;Assembly&gt;.received.txt</c>; review it and copy it over the approved
/// file when the change is intended.
/// </summary>
public static class PublicApiApproval
{
    /// <summary>Asserts that the public API of <paramref name="assembly"/> equals the approved text.</summary>
    /// <param name="assembly">The package assembly.</param>
    /// <param name="callerFile">Filled in by the compiler: the test's source file, whose folder holds the approved file.</param>
    public static void AssertApproved(Assembly assembly, [CallerFilePath] string callerFile = "")
    {
        ArgumentNullException.ThrowIfNull(assembly);
        var api = assembly.GeneratePublicApi(new ApiGeneratorOptions
        {
            // WebMacs puts its extension methods in Microsoft.* namespaces on purpose; the default deny list would hide them.
            DenyNamespacePrefixes = [],
            ExcludeAttributes =
            [
                "System.Runtime.Versioning.TargetFrameworkAttribute",
                "System.Reflection.AssemblyMetadataAttribute",
                "System.Runtime.CompilerServices.InternalsVisibleToAttribute",
            ],
        }).ReplaceLineEndings("\n");

        var folder = Path.GetDirectoryName(callerFile)!;
        var name = assembly.GetName().Name;
        var approvedPath = Path.Combine(folder, $"{name}.approved.txt");
        var receivedPath = Path.Combine(folder, $"{name}.received.txt");
        var approved = File.Exists(approvedPath) ? File.ReadAllText(approvedPath).ReplaceLineEndings("\n") : null;
        if (approved == api)
        {
            File.Delete(receivedPath);
            return;
        }

        File.WriteAllText(receivedPath, api);
        Assert.Fail(approved is null
            ? $"No approved public API for {name}: review {receivedPath} and save it as {approvedPath}."
            : $"The public API of {name} changed: compare {receivedPath} with {approvedPath}; if the change is intended, copy the received file over the approved one.");
    }
}
