using System.Globalization;

namespace WebMacs.Domain;

/// <summary>
/// Derives the public UUID of a datapoint from its internal id and back, so the narrow datapoint table stores
/// no UUID per row while the API keeps showing one. Layout: <c>00000000-0000-4000-8HHH-LLLLLLLLLLLL</c>, where
/// H and L are the upper 12 and lower 48 bits of the id (ids up to 2^60). Version nibble 4 and variant 8 keep
/// it a well-formed RFC 4122 UUID string.
/// </summary>
internal static class DatapointId
{
    private const string Prefix = "00000000-0000-4000-8";

    public static string ToPublicId(long id)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(id);
        var high = (id >> 48) & 0xFFF;
        var low = id & 0xFFFF_FFFF_FFFF;
        return string.Create(CultureInfo.InvariantCulture, $"{Prefix}{high:x3}-{low:x12}");
    }

    public static bool TryParse(string? publicId, out long id)
    {
        id = 0;
        if (publicId is not { Length: 36 } || !publicId.StartsWith(Prefix, StringComparison.OrdinalIgnoreCase) || publicId[23] != '-')
        {
            return false;
        }

        if (!long.TryParse(publicId.AsSpan(20, 3), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var high)
            || !long.TryParse(publicId.AsSpan(24, 12), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var low))
        {
            return false;
        }

        id = (high << 48) | low;
        return true;
    }
}
