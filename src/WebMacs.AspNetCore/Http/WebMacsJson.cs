using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace WebMacs.AspNetCore.Http;

/// <summary>
/// Writes datetimes as the original's REST API does: UTC, microsecond precision, a trailing <c>Z</c>, and no
/// fraction when it is zero (<c>2026-02-14T10:00:00.123456Z</c>, <c>2026-02-14T10:00:00Z</c>).
/// </summary>
internal sealed class RestDateTimeConverter : JsonConverter<DateTime>
{
    public override DateTime Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.GetDateTime().ToUniversalTime();

    public override void Write(Utf8JsonWriter writer, DateTime value, JsonSerializerOptions options)
    {
        var utc = value.Kind == DateTimeKind.Local ? value.ToUniversalTime() : value;
        var micros = utc.Ticks % TimeSpan.TicksPerSecond / 10;
        writer.WriteStringValue(micros == 0
            ? utc.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture)
            : string.Create(CultureInfo.InvariantCulture, $"{utc:yyyy-MM-dd'T'HH:mm:ss}.{micros:D6}Z"));
    }
}
