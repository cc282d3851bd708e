using System.Globalization;
using System.Text.Json;
using WebMacs.Domain;

namespace WebMacs.AspNetCore.Http;

// Numbers, booleans, enums, datetimes and arrays, with the original's lax coercion and error texts.
internal sealed partial class BodyValidator
{
    private static readonly string[] TrueWords = ["true", "1", "yes", "y", "on", "t"];
    private static readonly string[] FalseWords = ["false", "0", "no", "n", "off", "f"];

    public double? RequiredDouble(string name) => Field(name, required: true) is { } e ? DoubleValue(name, e) : null;

    public double? OptionalDouble(string name) => Value(name) is { } e ? DoubleValue(name, e) : null;

    public int? RequiredInt(string name, int min = int.MinValue, int max = int.MaxValue) => Field(name, required: true) is { } e ? IntValue(name, e, min, max) : null;

    public int? OptionalInt(string name, int min = int.MinValue, int max = int.MaxValue) => Value(name) is { } e ? IntValue(name, e, min, max) : null;

    public bool? OptionalBool(string name) => Value(name) is { } e ? BoolValue(name, e) : null;

    public T? RequiredEnum<T>(string name) where T : struct, Enum => Field(name, required: true) is { } e ? EnumValue<T>(name, e) : null;

    public T? OptionalEnum<T>(string name) where T : struct, Enum => Value(name) is { } e ? EnumValue<T>(name, e) : null;

    public DateTime? OptionalDateTime(string name) => Value(name) is { } e ? DateTimeValue(name, e) : null;

    /// <summary>Reads a required array of <paramref name="min"/> to <paramref name="max"/> items; null when invalid.</summary>
    public JsonElement? RequiredArray(string name, int min = 0, int max = int.MaxValue) => Field(name, required: true) is { } e ? ArrayValue(name, e, min, max) : null;

    public JsonElement? OptionalArray(string name, int min = 0, int max = int.MaxValue) => Value(name) is { } e ? ArrayValue(name, e, min, max) : null;

    /// <summary>Validates the items of an array field: each item gets a validator located at <c>[field, index]</c>.</summary>
    public BodyValidator Item(string arrayName, int index, JsonElement item) => new(item, [.. location, arrayName, index], errors);

    /// <summary>Reads the string items of an array field (each checked like a string field).</summary>
    public List<string> StringItems(string arrayName, JsonElement array)
    {
        var items = new List<string>(array.GetArrayLength());
        var index = 0;
        foreach (var item in array.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.String)
            {
                errors.Add(new ValidationError("string_type", [.. location, arrayName, index], "Input should be a valid string", item.Clone()));
            }
            else if (TryGetString(arrayName, item, out var value))
            {
                items.Add(value);
            }

            index++;
        }

        return items;
    }

    private double? DoubleValue(string name, JsonElement element)
    {
        double value;
        switch (element.ValueKind)
        {
            case JsonValueKind.Number when element.TryGetDouble(out value):
                break;
            case JsonValueKind.Number:
                // A literal beyond double range (1e999): System.Text.Json refuses to read it as a number.
                Add("finite_number", name, "Input should be a finite number", element.Clone());
                return null;
            case JsonValueKind.String when TryGetString(name, element, out var text):
                if (!double.TryParse(text.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out value))
                {
                    Add("float_parsing", name, "Input should be a valid number, unable to parse string as a number", element.Clone());
                    return null;
                }

                break;
            case JsonValueKind.String:
                return null;
            default:
                Add("float_type", name, "Input should be a valid number", element.Clone());
                return null;
        }

        if (!double.IsFinite(value))
        {
            Add("finite_number", name, "Input should be a finite number", element.Clone());
            return null;
        }

        return value;
    }

    private int? IntValue(string name, JsonElement element, int min, int max)
    {
        long value;
        switch (element.ValueKind)
        {
            case JsonValueKind.Number when element.TryGetInt64(out value):
                break;
            case JsonValueKind.Number:
                if (!element.TryGetDouble(out var number) || number != Math.Floor(number) || !double.IsFinite(number))
                {
                    Add("int_from_float", name, "Input should be a valid integer, got a number with a fractional part", element.Clone());
                    return null;
                }

                value = number is > long.MaxValue or < long.MinValue ? (number > 0 ? long.MaxValue : long.MinValue) : (long)number;
                break;
            case JsonValueKind.String:
                if (!TryGetString(name, element, out var text))
                {
                    // Already reported; an unreadable string (lone surrogate) cannot be echoed as the input.
                    return null;
                }

                if (!long.TryParse(text.Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value))
                {
                    Add("int_parsing", name, "Input should be a valid integer, unable to parse string as an integer", element.Clone());
                    return null;
                }

                break;
            default:
                Add("int_type", name, "Input should be a valid integer", element.Clone());
                return null;
        }

        if (value < min)
        {
            Add("greater_than_equal", name, string.Create(CultureInfo.InvariantCulture, $"Input should be greater than or equal to {min}"), element.Clone(), new() { ["ge"] = min });
            return null;
        }

        if (value > max)
        {
            Add("less_than_equal", name, string.Create(CultureInfo.InvariantCulture, $"Input should be less than or equal to {max}"), element.Clone(), new() { ["le"] = max });
            return null;
        }

        return (int)value;
    }

    private bool? BoolValue(string name, JsonElement element)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.True:
                return true;
            case JsonValueKind.False:
                return false;
            case JsonValueKind.Number when element.TryGetInt32(out var n) && n is 0 or 1:
                return n == 1;
            case JsonValueKind.String when TryGetString(name, element, out var text):
                var word = text.Trim().ToLowerInvariant();
                if (TrueWords.Contains(word))
                {
                    return true;
                }

                if (FalseWords.Contains(word))
                {
                    return false;
                }

                Add("bool_parsing", name, "Input should be a valid boolean, unable to interpret input", element.Clone());
                return null;
            case JsonValueKind.String:
                return null;
            default:
                Add("bool_type", name, "Input should be a valid boolean", element.Clone());
                return null;
        }
    }

    private T? EnumValue<T>(string name, JsonElement element) where T : struct, Enum
    {
        var text = string.Empty;
        if (element.ValueKind == JsonValueKind.String && !TryGetString(name, element, out text))
        {
            // Already reported; an unreadable string (lone surrogate) cannot be echoed as the input.
            return null;
        }

        if (element.ValueKind == JsonValueKind.String && WireEnum<T>.TryParse(text, out var value))
        {
            return value;
        }

        var expected = ExpectedList(WireEnum<T>.All);
        Add("enum", name, $"Input should be {expected}", element.Clone(), new() { ["expected"] = expected });
        return null;
    }

    private DateTime? DateTimeValue(string name, JsonElement element)
    {
        var text = string.Empty;
        if (element.ValueKind == JsonValueKind.String && !TryGetString(name, element, out text))
        {
            // Already reported; an unreadable string (lone surrogate) cannot be echoed as the input.
            return null;
        }

        if (element.ValueKind == JsonValueKind.String
            && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var value))
        {
            return value.UtcDateTime;
        }

        if (element.ValueKind == JsonValueKind.Number && element.TryGetInt64(out var seconds) && seconds is > -62135596800 and < 253402300800)
        {
            return DateTime.UnixEpoch.AddSeconds(seconds);
        }

        Add("datetime_parsing", name, "Input should be a valid datetime", element.Clone());
        return null;
    }

    private JsonElement? ArrayValue(string name, JsonElement element, int min, int max)
    {
        if (element.ValueKind != JsonValueKind.Array)
        {
            Add("list_type", name, "Input should be a valid list", element.Clone());
            return null;
        }

        var length = element.GetArrayLength();
        if (length < min)
        {
            Add("too_short", name, string.Create(CultureInfo.InvariantCulture, $"List should have at least {min} item{(min == 1 ? string.Empty : "s")} after validation, not {length}"),
                element.Clone(), new() { ["field_type"] = "List", ["min_length"] = min, ["actual_length"] = length });
            return null;
        }

        if (length > max)
        {
            Add("too_long", name, string.Create(CultureInfo.InvariantCulture, $"List should have at most {max} item{(max == 1 ? string.Empty : "s")} after validation, not {length}"),
                null, new() { ["field_type"] = "List", ["max_length"] = max, ["actual_length"] = length });
            return null;
        }

        return element;
    }

    private static string ExpectedList(IReadOnlyList<string> values) =>
        values.Count == 1 ? $"'{values[0]}'" : string.Join(", ", values.Take(values.Count - 1).Select(v => $"'{v}'")) + $" or '{values[^1]}'";
}
