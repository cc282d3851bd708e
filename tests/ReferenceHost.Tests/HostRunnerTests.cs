using static WebMacs.ReferenceHost.Tests.TestEnvironment;

namespace WebMacs.ReferenceHost.Tests;

/// <summary>
/// Start-up failures of the reference host: exit code 1 and exactly one line on standard error that names the
/// setting, with no stack trace and no error log for the same failure on standard output.
/// </summary>
public sealed class HostRunnerTests : IDisposable
{
    private const string Prefix = "webmacs: cannot start:";
    private readonly string dataDirectory = Directory.CreateTempSubdirectory("webmacs-refhost-data-").FullName;

    public static TheoryData<string, string> ConfigurationFailures => new()
    {
        { "short-secret", "SECRET_KEY" },
        { "missing-secret", "SECRET_KEY" },
        { "published-secret", "SECRET_KEY" },
        { "published-admin-password", "INITIAL_ADMIN_PASSWORD" },
        { "missing-admin-password", "INITIAL_ADMIN_PASSWORD" },
        { "mysql-url", "DATABASE_URL" },
        { "malformed-url", "DATABASE_URL" },
    };

    [Theory]
    [MemberData(nameof(ConfigurationFailures))]
    public async Task Start_BadConfiguration_ExitsWithOneLineNamingTheSetting(string failure, string setting)
    {
        var environment = Production(dataDirectory);
        switch (failure)
        {
            case "short-secret": environment["SECRET_KEY"] = "0123456789"; break;
            case "missing-secret": environment.Remove("SECRET_KEY"); break;
            case "published-secret": environment["SECRET_KEY"] = "change-me-in-production"; break;
            case "published-admin-password": environment["INITIAL_ADMIN_PASSWORD"] = "admin123"; break;
            case "missing-admin-password": environment.Remove("INITIAL_ADMIN_PASSWORD"); break;
            case "mysql-url": environment["DATABASE_URL"] = "mysql://x"; break;
            case "malformed-url": environment["DATABASE_URL"] = "postgresql://u:p@:5432"; break;
            default: throw new ArgumentOutOfRangeException(nameof(failure), failure, null);
        }

        var line = await AssertFailsWithOneLineAsync(environment);

        Assert.Contains(setting, line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_ShortSecret_SaysHowLongItIs()
    {
        var environment = Production(dataDirectory);
        environment["SECRET_KEY"] = "0123456789";

        var line = await AssertFailsWithOneLineAsync(environment);

        Assert.Contains("32", line, StringComparison.Ordinal);
        Assert.Contains("10", line, StringComparison.Ordinal);
        Assert.DoesNotContain("0123456789", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_DatabaseOnAClosedPort_ExitsNamingHostAndPortButNotThePassword()
    {
        const string password = "Pg-Secret-Pa55word-4711";
        var port = FreePort.Next();
        var environment = Production(dataDirectory);
        environment["DATABASE_URL"] = $"postgresql://webmacs:{password}@127.0.0.1:{port}/webmacs";

        await using var host = ReferenceHostProcess.Start(environment);
        var line = await AssertFailsWithOneLineAsync(host);

        Assert.Contains($"127.0.0.1:{port}", line, StringComparison.Ordinal);
        Assert.DoesNotContain(host.StandardOutput.Concat(host.StandardError), l => l.Contains(password, StringComparison.Ordinal));
    }

    public void Dispose() => Directory.Delete(dataDirectory, recursive: true);

    private static async Task<string> AssertFailsWithOneLineAsync(Dictionary<string, string> environment)
    {
        await using var host = ReferenceHostProcess.Start(environment);
        return await AssertFailsWithOneLineAsync(host);
    }

    private static async Task<string> AssertFailsWithOneLineAsync(ReferenceHostProcess host)
    {
        var exitCode = await host.WaitForExitAsync();

        Assert.True(exitCode == 1, $"Expected exit code 1.\n{host.Transcript}");
        var errorLines = host.StandardError.Where(l => l.Trim().Length > 0).ToList();
        Assert.True(errorLines.Count == 1, $"Expected exactly one line on stderr.\n{host.Transcript}");
        var line = errorLines[0];
        Assert.StartsWith(Prefix, line, StringComparison.Ordinal);
        Assert.True(line.Length > Prefix.Length + 1, $"The line explains nothing.\n{host.Transcript}");
        var all = host.StandardOutput.Concat(host.StandardError).ToList();
        Assert.DoesNotContain(all, l => l.StartsWith("   at ", StringComparison.Ordinal));
        Assert.DoesNotContain(all, l => l.Contains("Exception:", StringComparison.Ordinal) || l.StartsWith("Unhandled exception", StringComparison.Ordinal));
        // The failure is reported once, on stderr: no error-level log entry about it on stdout.
        Assert.DoesNotContain(host.StandardOutput, l => l.StartsWith("fail:", StringComparison.Ordinal) || l.StartsWith("crit:", StringComparison.Ordinal));
        return line;
    }
}
