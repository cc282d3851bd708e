namespace WebMacs.Common;

/// <summary>Parses the public ids of paths; anything that is not a UUID simply matches nothing (404).</summary>
internal static class PublicIds
{
    public static bool TryParse(string? value, out Guid id) => Guid.TryParseExact(value, "D", out id);
}
