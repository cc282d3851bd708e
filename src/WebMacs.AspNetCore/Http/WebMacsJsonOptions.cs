using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using WebMacs.Common;

namespace WebMacs.AspNetCore.Http;

/// <summary>
/// The serializer options of every WebMacs JSON body, so responses read byte for byte like the original's:
/// snake_case names, datetimes with a trailing <c>Z</c>, floats as Python writes them (<c>1.0</c>, not <c>1</c>), and
/// non-ASCII text and quotes written as they are rather than as <c>\uXXXX</c> escapes (the API serves
/// <c>application/json</c> with <c>nosniff</c>, never HTML, so the relaxed encoder is safe here).
/// </summary>
internal static class WebMacsJsonOptions
{
    /// <summary>Creates a fresh options instance (each source-generated context needs its own).</summary>
    public static JsonSerializerOptions Create() => new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        NumberHandling = JsonNumberHandling.Strict,
        Converters = { new RestDateTimeConverter(), new PythonDoubleConverter() },
    };
}

/// <summary>Writes doubles as Python's <c>repr</c> (whole numbers keep <c>.0</c>); a non-finite value becomes <c>null</c>.</summary>
internal sealed class PythonDoubleConverter : JsonConverter<double>
{
    public override double Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => reader.GetDouble();

    public override void Write(Utf8JsonWriter writer, double value, JsonSerializerOptions options)
    {
        if (double.IsFinite(value))
        {
            writer.WriteRawValue(PythonFloat.Format(value), skipInputValidation: true);
        }
        else
        {
            writer.WriteNullValue();
        }
    }
}
