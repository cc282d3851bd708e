namespace WebMacs.Testing.Postgres;

/// <summary>Finds executables on <c>PATH</c> and in well-known directories.</summary>
internal static class Executables
{
    /// <summary>Returns the full path of <paramref name="name"/> found on <c>PATH</c>, else in one of
    /// <paramref name="fallbackDirectories"/>, else <see langword="null"/>.</summary>
    public static string? Find(string name, params string[] fallbackDirectories)
    {
        var fileName = OperatingSystem.IsWindows() ? name + ".exe" : name;
        var path = Environment.GetEnvironmentVariable("PATH") ?? string.Empty;
        var directories = path.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Concat(fallbackDirectories);
        foreach (var directory in directories)
        {
            var candidate = Path.Combine(directory, fileName);
            if (IsExecutableFile(candidate))
            {
                return candidate;
            }
        }

        return null;
    }

    /// <summary>Tells whether <paramref name="path"/> is an existing file that may be executed.</summary>
    public static bool IsExecutableFile(string path)
    {
        if (!File.Exists(path))
        {
            return false;
        }

        if (OperatingSystem.IsWindows())
        {
            return true;
        }

        const UnixFileMode anyExecute = UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute;
        return (File.GetUnixFileMode(path) & anyExecute) != 0;
    }
}
