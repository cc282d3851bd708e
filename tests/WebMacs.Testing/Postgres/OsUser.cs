using System.Text;

namespace WebMacs.Testing.Postgres;

/// <summary>Answers who the process runs as and wraps commands to run as another OS user.</summary>
internal static class OsUser
{
    private static readonly Lazy<bool> RootCheck = new(DetectRoot);

    /// <summary>Gets a value indicating whether the process runs as root (user name <c>root</c> or <c>id -u</c> = 0).</summary>
    public static bool IsRoot => RootCheck.Value;

    /// <summary>Returns the command and arguments that run <paramref name="fileName"/> as <paramref name="user"/>:
    /// through <c>runuser -u</c> when it exists, else through <c>su -s /bin/sh -c</c>.</summary>
    public static (string FileName, IReadOnlyList<string> Arguments) WrapForUser(string user, string fileName, IReadOnlyList<string> arguments)
    {
        var runuser = Executables.Find("runuser", "/usr/sbin", "/sbin", "/usr/bin", "/bin");
        if (runuser is not null)
        {
            return (runuser, ["-u", user, "--", fileName, .. arguments]);
        }

        var su = Executables.Find("su", "/usr/bin", "/bin")
            ?? throw new InvalidOperationException($"Running as root, but neither 'runuser' nor 'su' was found to run '{fileName}' as the '{user}' user.");
        var command = string.Join(' ', arguments.Prepend(fileName).Select(ShellQuote));
        return (su, ["-s", "/bin/sh", "-c", command, user]);
    }

    /// <summary>Quotes a word for a POSIX shell when it holds characters the shell would interpret.</summary>
    public static string ShellQuote(string word)
    {
        if (word.Length > 0 && word.All(c => char.IsAsciiLetterOrDigit(c) || "-_./=:,@%+".Contains(c, StringComparison.Ordinal)))
        {
            return word;
        }

        return new StringBuilder("'").Append(word.Replace("'", "'\\''", StringComparison.Ordinal)).Append('\'').ToString();
    }

    private static bool DetectRoot()
    {
        if (OperatingSystem.IsWindows())
        {
            return false;
        }

        if (Environment.UserName == "root")
        {
            return true;
        }

        var id = Executables.Find("id", "/usr/bin", "/bin");
        if (id is null)
        {
            return false;
        }

        var result = ProcessRunner.RunAsync(id, ["-u"], TimeSpan.FromSeconds(10)).GetAwaiter().GetResult();
        return result.ExitCode == 0 && result.StandardOutput.Trim() == "0";
    }
}
