using System.Globalization;
using System.Text;

namespace WebMacs.Common;

/// <summary>
/// Serialises a flat JSON object exactly as Python's <c>json.dumps</c> does by default (<c>", "</c> and <c>": "</c>
/// separators, non-ASCII as <c>\uXXXX</c>, floats as <c>repr</c>), so webhook receivers that verify signatures
/// over the original's bytes see the same bytes. Values: string, double, int/long, bool or null.
/// Hand-written: no JSON library reproduces Python's separators and float formatting.
/// </summary>
internal static class PythonJson
{
    public static string SerializeObject(IEnumerable<KeyValuePair<string, object?>> fields)
    {
        var builder = new StringBuilder("{");
        var first = true;
        foreach (var (key, value) in fields)
        {
            if (!first)
            {
                builder.Append(", ");
            }

            first = false;
            AppendString(builder, key);
            builder.Append(": ");
            AppendValue(builder, value);
        }

        return builder.Append('}').ToString();
    }

    private static void AppendValue(StringBuilder builder, object? value)
    {
        switch (value)
        {
            case null:
                builder.Append("null");
                break;
            case string s:
                AppendString(builder, s);
                break;
            case bool b:
                builder.Append(b ? "true" : "false");
                break;
            case double d:
                builder.Append(PythonFloat.Format(d));
                break;
            case float f:
                builder.Append(PythonFloat.Format(f));
                break;
            case int or long:
                builder.Append(Convert.ToString(value, CultureInfo.InvariantCulture));
                break;
            default:
                throw new ArgumentException($"Unsupported JSON value type {value.GetType().Name}.", nameof(value));
        }
    }

    private static void AppendString(StringBuilder builder, string value)
    {
        builder.Append('"');
        foreach (var c in value)
        {
            switch (c)
            {
                case '"': builder.Append("\\\""); break;
                case '\\': builder.Append("\\\\"); break;
                case '\n': builder.Append("\\n"); break;
                case '\r': builder.Append("\\r"); break;
                case '\t': builder.Append("\\t"); break;
                case '\b': builder.Append("\\b"); break;
                case '\f': builder.Append("\\f"); break;
                default:
                    if (c < 0x20 || c > 0x7E)
                    {
                        builder.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    }
                    else
                    {
                        builder.Append(c);
                    }

                    break;
            }
        }

        builder.Append('"');
    }
}
