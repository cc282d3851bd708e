using System.Globalization;

namespace WebMacs.Testing.Postgres;

/// <summary>Locates the PostgreSQL server tools <c>initdb</c> and <c>pg_ctl</c>.</summary>
internal sealed record PostgresBinaries(string InitDb, string PgCtl)
{
    /// <summary>The directory whose versioned <c>*/bin</c> subdirectories are searched after <c>PATH</c> (Debian/Ubuntu layout).</summary>
    public const string VersionedRoot = "/usr/lib/postgresql";

    /// <summary>Returns the tools found on <c>PATH</c>, else those of the highest version under
    /// <c>/usr/lib/postgresql/*/bin</c>, else <see langword="null"/>.</summary>
    public static PostgresBinaries? Find()
    {
        var initDb = Executables.Find("initdb");
        var pgCtl = Executables.Find("pg_ctl");
        if (initDb is not null && pgCtl is not null)
        {
            return new PostgresBinaries(initDb, pgCtl);
        }

        if (!Directory.Exists(VersionedRoot))
        {
            return null;
        }

        return Directory.EnumerateDirectories(VersionedRoot)
            .Select(directory => (Version: ParseVersion(Path.GetFileName(directory)), Bin: Path.Combine(directory, "bin")))
            .Where(candidate => candidate.Version is not null)
            .OrderByDescending(candidate => candidate.Version)
            .Select(candidate => new PostgresBinaries(Path.Combine(candidate.Bin, "initdb"), Path.Combine(candidate.Bin, "pg_ctl")))
            .FirstOrDefault(binaries => Executables.IsExecutableFile(binaries.InitDb) && Executables.IsExecutableFile(binaries.PgCtl));
    }

    private static Version? ParseVersion(string name) =>
        int.TryParse(name, NumberStyles.None, CultureInfo.InvariantCulture, out var major)
            ? new Version(major, 0)
            : Version.TryParse(name, out var version) ? version : null;
}
