using System.Collections.Frozen;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace WebMacs.Domain;

/// <summary>
/// Maps enum members to the lower-case wire values of the WebMACS contract (and back). The database stores the
/// same strings, so a row reads the same in SQL as on the wire.
/// </summary>
internal static class WireEnum<T> where T : struct, Enum
{
    private static readonly FrozenDictionary<T, string> Names = Enum.GetValues<T>().ToFrozenDictionary(v => v, NameOf);
    private static readonly FrozenDictionary<string, T> Values = Names.ToFrozenDictionary(kv => kv.Value, kv => kv.Key, StringComparer.Ordinal);

    /// <summary>Gets every wire value, in declaration order.</summary>
    public static IReadOnlyList<string> All { get; } = Enum.GetValues<T>().Select(v => Names[v]).ToArray();

    public static string ToWire(T value) => Names[value];

    public static bool TryParse(string? wire, out T value)
    {
        if (wire is not null && Values.TryGetValue(wire, out value))
        {
            return true;
        }

        value = default;
        return false;
    }

    public static T Parse(string wire) =>
        TryParse(wire, out var value) ? value : throw new FormatException($"'{wire}' is not a valid {typeof(T).Name} value.");

    private static string NameOf(T value)
    {
        var member = typeof(T).GetField(value.ToString(), BindingFlags.Public | BindingFlags.Static)!;
        return member.GetCustomAttribute<JsonStringEnumMemberNameAttribute>()?.Name
            ?? JsonNamingPolicy.SnakeCaseLower.ConvertName(member.Name);
    }
}
