using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http;
using WebMacs.Domain;

namespace WebMacs.AspNetCore.Http;

// String patterns, arrays of enum values and booleans that must not be null, with Pydantic's error types and locations.
internal sealed partial class BodyValidator
{
    /// <summary>Reads a boolean that must be a boolean when present (a field with a default: explicit null is <c>bool_type</c>).</summary>
    public bool? RequiredBool(string name) => Field(name, required: true) is { } e ? BoolValue(name, e) : null;

    /// <summary>
    /// Checks a string already read from field <paramref name="name"/> against <paramref name="regex"/>; a mismatch is
    /// Pydantic's <c>string_pattern_mismatch</c> naming <paramref name="pattern"/>. Null (absent or invalid) passes through.
    /// </summary>
    public string? RequirePattern(string name, string? value, Regex regex, string pattern)
    {
        ArgumentNullException.ThrowIfNull(regex);
        if (value is null || regex.IsMatch(value))
        {
            return value;
        }

        Add("string_pattern_mismatch", name, $"String should match pattern '{pattern}'", Input(value.Length > 1000 ? value[..1000] : value),
            new() { ["pattern"] = pattern });
        return null;
    }

    /// <summary>Reads the items of an array field as wire values of <typeparamref name="T"/>; errors are located at <c>[field, index]</c>.</summary>
    public List<T> EnumItems<T>(string arrayName, JsonElement array) where T : struct, Enum
    {
        var items = new List<T>(array.GetArrayLength());
        var index = 0;
        foreach (var item in array.EnumerateArray())
        {
            if (item.ValueKind == JsonValueKind.String && TryReadItem(item, out var text) && WireEnum<T>.TryParse(text, out var value))
            {
                items.Add(value);
            }
            else
            {
                var expected = ExpectedList(WireEnum<T>.All);
                errors.Add(new ValidationError("enum", [.. location, arrayName, index], $"Input should be {expected}",
                    item.ValueKind == JsonValueKind.String && !TryReadItem(item, out _) ? null : item.Clone(),
                    new Dictionary<string, object> { ["expected"] = expected }));
            }

            index++;
        }

        return items;
    }

    /// <summary>
    /// Refuses a body that holds a string (value or property name) with an escaped unpaired surrogate, which no store
    /// keeps and no error body can echo: one <c>string_unicode</c> error per such string, at its location, without the
    /// input. Returns null when every string is well-formed. Run it before any other validation of the body.
    /// </summary>
    public static IResult? RefuseUnpairedSurrogates(JsonElement root)
    {
        var found = new List<ValidationError>();
        FindUnpairedSurrogates(root, ["body"], found);
        return found.Count == 0 ? null : Problems.Validation(found);
    }

    private static void FindUnpairedSurrogates(JsonElement element, object[] location, List<ValidationError> found)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.String when !TryReadItem(element, out _):
                found.Add(new ValidationError("string_unicode", location, "Input should be a valid string, unable to parse raw data as a unicode string", null));
                break;
            case JsonValueKind.Array:
                var index = 0;
                foreach (var item in element.EnumerateArray())
                {
                    FindUnpairedSurrogates(item, [.. location, index++], found);
                }

                break;
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                {
                    string name;
                    try
                    {
                        name = property.Name;
                    }
                    catch (InvalidOperationException)
                    {
                        found.Add(new ValidationError("string_unicode", location, "Input should be a valid string, unable to parse raw data as a unicode string", null));
                        continue;
                    }

                    FindUnpairedSurrogates(property.Value, [.. location, name], found);
                }

                break;
        }
    }

    private static bool TryReadItem(JsonElement item, out string text)
    {
        try
        {
            text = item.GetString()!;
            return true;
        }
        catch (InvalidOperationException)
        {
            // An escaped unpaired surrogate: no enum value has one.
            text = string.Empty;
            return false;
        }
    }
}
