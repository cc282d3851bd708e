using System.Net.Http.Headers;
using System.Text;

namespace WebMacs.AspNetCore.Tests.Events;

/// <summary>
/// A bounded set of malformed JSON bodies for a write route: whole-body garbage (not JSON, invalid UTF-8, arrays,
/// scalars, 200-deep nesting, an empty body) and, for each field, values its type refuses (wrong types, 100k-character
/// strings, NaN/Infinity as strings and numbers, 1e999, NUL characters, lone surrogates, deep nesting).
/// </summary>
public static class BodyFuzz
{
    /// <summary>The kind of value a field takes; the fuzz picks values that kind refuses.</summary>
    public enum Kind
    {
        /// <summary>A string with a maximum length below 100,000 characters.</summary>
        BoundedString,

        /// <summary>A finite number.</summary>
        Number,

        /// <summary>One of a set of wire values.</summary>
        Enum,

        /// <summary>A datetime.</summary>
        DateTime,
    }

    /// <summary>A field of the route's body and a valid JSON value for it (the other fields keep theirs).</summary>
    public sealed record Field(string Name, Kind Kind, string ValidJson);

    private static readonly string Deep = new string('[', 200) + new string(']', 200);
    private static readonly string Long = "\"" + new string('x', 100_000) + "\"";

    public static IEnumerable<(string Description, HttpContent Content)> Cases(IReadOnlyList<Field> fields)
    {
        foreach (var (description, json) in WholeBodies())
        {
            yield return (description, Json(json));
        }

        yield return ("invalid UTF-8", Bytes([0x7B, 0x22, 0x6E, 0x22, 0x3A, 0x22, 0xC3, 0x28, 0xFF, 0xFE, 0x22, 0x7D]));
        yield return ("a lone UTF-8 continuation byte in a string", Bytes([.. Encoding.UTF8.GetBytes("{\"" + fields[0].Name + "\":\""), 0x80, .. "\"}"u8]));
        yield return ("NUL bytes", Bytes([0x00, 0x00, 0x00]));

        foreach (var field in fields)
        {
            foreach (var value in BadValues(field.Kind))
            {
                var body = "{" + string.Join(',', fields.Select(f => $"\"{f.Name}\":{(f == field ? value : f.ValidJson)}")) + "}";
                yield return ($"{field.Name} = {Shorten(value)}", Json(body));
            }
        }
    }

    private static IEnumerable<(string, string)> WholeBodies() =>
    [
        ("an array", "[]"),
        ("an array of objects", "[{}]"),
        ("a number", "42"),
        ("a string", "\"text\""),
        ("null", "null"),
        ("true", "true"),
        ("truncated JSON", "{\"name\":"),
        ("not JSON", "name=x"),
        ("a NaN literal", "{\"x\":NaN}"),
        ("an Infinity literal", "{\"x\":Infinity}"),
        ("a trailing comma", "{\"x\":1,}"),
        ("a comment", "{/* c */}"),
        ("200-deep nesting", Deep),
        ("200-deep nested objects", string.Concat(Enumerable.Repeat("{\"a\":", 200)) + "1" + new string('}', 200)),
        ("an empty body", string.Empty),
        ("whitespace only", "   "),
    ];

    private static IEnumerable<string> BadValues(Kind kind)
    {
        string[] common = ["{}", "[]", "[1,2]", Deep, "\"\\u0000\"", "\"a\\u0000b\"", "\"\\ud800\"", "\"\\udc00x\""];
        string[] specific = kind switch
        {
            Kind.BoundedString => ["123", "1.5", "true", "false", Long],
            Kind.Number => ["\"NaN\"", "\"nan\"", "\"Infinity\"", "\"-Infinity\"", "\"inf\"", "1e999", "-1e999", "\"1e999\"", "\"abc\"", "\"\"", Long],
            Kind.Enum => ["\"nope\"", "\"\"", "1", "true", "\"INFO\"", Long],
            Kind.DateTime => ["\"not a date\"", "\"\"", "\"2025-13-45T99:99:99\"", "true", "1e999", Long],
            _ => [],
        };
        return [.. common, .. specific];
    }

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    private static ByteArrayContent Bytes(byte[] bytes)
    {
        var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        return content;
    }

    private static string Shorten(string value) => value.Length > 40 ? value[..40] + $"…({value.Length} chars)" : value;
}
