using System.Net.Http.Headers;
using System.Text;

namespace WebMacs.AspNetCore.Tests.Dashboards;

/// <summary>
/// A bounded set of malformed request bodies for a write route: whole bodies that are not a JSON object (arrays,
/// scalars, broken or non-standard JSON, invalid UTF-8, 200-deep nesting) and, field by field, values the field's type
/// refuses (wrong types, 100k-character strings, "NaN"/"Infinity" strings, 1e999, NUL characters, lone surrogates).
/// </summary>
internal static class WriteFuzz
{
    /// <summary>The type of a body field; the fuzz sends values that type refuses.</summary>
    public enum Kind
    {
        /// <summary>A string with a maximum length below 100,000 characters (null refused).</summary>
        BoundedString,

        /// <summary>A string of any length, or null.</summary>
        NullableString,

        /// <summary>An integer (null refused).</summary>
        Int,

        /// <summary>A boolean (null refused).</summary>
        Bool,

        /// <summary>One of a set of wire values (null refused).</summary>
        Enum,
    }

    /// <summary>A body field and a valid JSON value for it, which the other fields keep while one is fuzzed.</summary>
    public sealed record Field(string Name, Kind Kind, string ValidJson);

    private static readonly string Deep = new string('[', 200) + new string(']', 200);
    private static readonly string DeepObject = string.Concat(Enumerable.Repeat("{\"a\":", 200)) + "1" + new string('}', 200);
    private static readonly string Long = "\"" + new string('x', 100_000) + "\"";

    public static IEnumerable<(string Description, HttpContent Content)> Cases(IReadOnlyList<Field> fields)
    {
        string[] wholeBodies = ["[]", "[{}]", "42", "\"text\"", "true", "{\"x\":", "x=1", "{\"x\":NaN}", "{\"x\":Infinity}", "{\"x\":1,}", "{/* c */}", Deep, DeepObject, "   "];
        foreach (var json in wholeBodies)
        {
            yield return ($"the body {Shorten(json)}", Json(json));
        }

        yield return ("invalid UTF-8 in a string", Bytes([.. Encoding.UTF8.GetBytes("{\"" + fields[0].Name + "\":\""), 0xC3, 0x28, 0xFF, 0xFE, .. "\"}"u8]));
        yield return ("a lone continuation byte in a string", Bytes([.. Encoding.UTF8.GetBytes("{\"" + fields[0].Name + "\":\""), 0x80, .. "\"}"u8]));
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

    private static string[] BadValues(Kind kind)
    {
        string[] common = ["{}", "[]", "[1,2]", Deep, DeepObject, "\"\\u0000\"", "\"a\\u0000b\"", "\"\\ud800\"", "\"\\udc00x\""];
        string[] specific = kind switch
        {
            Kind.BoundedString => ["null", "123", "1.5", "true", Long],
            Kind.NullableString => ["123", "false", "1e999"],
            Kind.Int => ["null", "\"NaN\"", "\"Infinity\"", "\"-inf\"", "1e999", "-1e999", "1.5", "\"abc\"", "\"\"", "99999999999999999999", "true", Long],
            Kind.Bool => ["null", "\"NaN\"", "\"maybe\"", "2", "1e999", "\"\"", Long],
            Kind.Enum => ["null", "\"nope\"", "\"\"", "1", "true", "\"GAUGE\"", Long],
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
