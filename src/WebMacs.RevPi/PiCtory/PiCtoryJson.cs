using System.Globalization;
using System.Text.Json;

namespace WebMacs.RevPi;

/// <summary>Reads piCtory's loosely typed values: numbers are sometimes numbers and sometimes strings.</summary>
internal static class PiCtoryJson
{
    public static string? GetString(JsonElement element, string property) =>
        element.TryGetProperty(property, out var value) ? AsText(value) : null;

    /// <summary>Returns a string or number as text; null, empty strings and other kinds give <see langword="null"/>.</summary>
    public static string? AsText(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString() is { Length: > 0 } text ? text : null,
        JsonValueKind.Number => value.GetRawText(),
        JsonValueKind.True => "1",
        JsonValueKind.False => "0",
        _ => null,
    };

    public static bool TryGetNumber(JsonElement value, out double number)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.Number:
                return value.TryGetDouble(out number);
            case JsonValueKind.String:
                return double.TryParse(value.GetString(), NumberStyles.Float, CultureInfo.InvariantCulture, out number)
                    && double.IsFinite(number);
            default:
                number = 0;
                return false;
        }
    }

    public static bool TryGetWhole(JsonElement element, string property, out double number)
    {
        number = 0;
        return element.TryGetProperty(property, out var value)
            && TryGetNumber(value, out number)
            && number == Math.Floor(number);
    }

    public static bool IsTruthy(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.True => true,
        JsonValueKind.Number => value.TryGetDouble(out var n) && n != 0,
        JsonValueKind.String => value.GetString() is "1" or "true" or "True",
        _ => false,
    };
}
