using System.Text;
using System.Text.RegularExpressions;

namespace WebMacs.Testing.Postgres;

/// <summary>Makes and checks the names of the databases the fixture creates (<c>wm_&lt;prefix&gt;_&lt;random&gt;</c>).</summary>
internal static partial class DatabaseNames
{
    private const string Start = "wm_";
    private const int MaxPrefixLength = 40;

    /// <summary>Returns a new unique database name; <paramref name="prefix"/> is lower-cased and reduced to <c>[a-z0-9_]</c>.</summary>
    public static string Create(string? prefix)
    {
        var random = Guid.NewGuid().ToString("N")[..12];
        var cleaned = Clean(prefix);
        return cleaned.Length == 0 ? $"{Start}{random}" : $"{Start}{cleaned}_{random}";
    }

    /// <summary>Tells whether <paramref name="name"/> looks like a name made by <see cref="Create"/>.</summary>
    public static bool IsFixtureDatabase(string? name) => name is not null && FixtureName().IsMatch(name);

    private static string Clean(string? prefix)
    {
        if (string.IsNullOrWhiteSpace(prefix))
        {
            return string.Empty;
        }

        var text = new StringBuilder(prefix.Length);
        foreach (var c in prefix.ToLowerInvariant())
        {
            text.Append(char.IsAsciiLetterOrDigit(c) ? c : '_');
        }

        var cleaned = text.ToString().Trim('_');
        return cleaned.Length > MaxPrefixLength ? cleaned[..MaxPrefixLength] : cleaned;
    }

    [GeneratedRegex("^wm_[a-z0-9_]{1,60}$", RegexOptions.CultureInvariant)]
    private static partial Regex FixtureName();
}
