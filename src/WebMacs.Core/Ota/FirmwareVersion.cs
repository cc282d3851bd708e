using System.Globalization;
using System.Numerics;
using System.Text.RegularExpressions;

namespace WebMacs.Ota;

/// <summary>
/// The strict <c>x.y.z</c> versions of firmware records and their ordering (reference §6.8): a version is newer when
/// its numeric triple is greater; anything that is not three dot-separated numbers is never newer.
/// </summary>
internal static partial class FirmwareVersion
{
    /// <summary>The version of this API, which the update check compares against.</summary>
    public const string Current = Persistence.StartupInitializer.ApiVersion;

    /// <summary>The pattern as the original's 422 bodies quote it.</summary>
    public const string PatternText = @"^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)$";

    /// <summary>Gets the strict semantic version pattern (ASCII digits, no leading zeros, nothing after the patch number).</summary>
    public static Regex Strict => StrictPattern();

    /// <summary>Tells whether <paramref name="candidate"/> is strictly newer than <paramref name="current"/>.</summary>
    public static bool IsNewer(string? current, string? candidate) =>
        TryParse(candidate, out var c) && TryParse(current, out var v) && Compare(c, v) > 0;

    public static bool TryParse(string? version, out (BigInteger Major, BigInteger Minor, BigInteger Patch) triple)
    {
        triple = default;
        var parts = version?.Split('.');
        if (parts is not { Length: 3 } || !parts.All(IsNumber))
        {
            return false;
        }

        triple = (Number(parts[0]), Number(parts[1]), Number(parts[2]));
        return true;
    }

    public static int Compare((BigInteger Major, BigInteger Minor, BigInteger Patch) a, (BigInteger Major, BigInteger Minor, BigInteger Patch) b)
    {
        var major = a.Major.CompareTo(b.Major);
        if (major != 0)
        {
            return major;
        }

        var minor = a.Minor.CompareTo(b.Minor);
        return minor != 0 ? minor : a.Patch.CompareTo(b.Patch);
    }

    private static bool IsNumber(string part) => part.Length is > 0 and <= 100 && part.All(char.IsAsciiDigit);

    private static BigInteger Number(string part) => BigInteger.Parse(part, NumberStyles.None, CultureInfo.InvariantCulture);

    [GeneratedRegex(@"^(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)\z", RegexOptions.CultureInvariant)]
    private static partial Regex StrictPattern();
}
