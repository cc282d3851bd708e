using System.Runtime.CompilerServices;

namespace WebMacs.RevPi.Tests;

/// <summary>
/// Finds the test configurations: the project's own (copied next to the test assembly) and the real piCtory exports
/// committed in <c>tests/fixtures/revpi</c> (copied from the project's shared fixtures; or <c>WEBMACS_REVPI_FIXTURES</c>).
/// </summary>
internal static class RevPiFixtures
{
    public static string OwnConfig => Path.Combine(AppContext.BaseDirectory, "Fixtures", "test_config.rsc");

    public static string SharedDirectory { get; } = FindSharedDirectory();

    /// <summary>Returns the path of a shared piCtory export, skipping the test with the reason when they are not there.</summary>
    public static string Shared(string file)
    {
        Assert.SkipUnless(
            Directory.Exists(SharedDirectory),
            $"The shared piCtory fixtures are not at '{SharedDirectory}'; set WEBMACS_REVPI_FIXTURES to their folder.");
        return Path.Combine(SharedDirectory, file);
    }

    private static string FindSharedDirectory([CallerFilePath] string thisFile = "")
    {
        if (Environment.GetEnvironmentVariable("WEBMACS_REVPI_FIXTURES") is { Length: > 0 } configured)
        {
            return configured;
        }

        // tests/WebMacs.RevPi.Tests/RevPiFixtures.cs → tests/fixtures/revpi
        return Path.GetFullPath(Path.Combine(Path.GetDirectoryName(thisFile)!, "..", "fixtures", "revpi"));
    }
}
