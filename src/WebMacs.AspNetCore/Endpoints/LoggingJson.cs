using System.Text.Json.Serialization;
using WebMacs.AspNetCore.Http;

namespace WebMacs.AspNetCore.Endpoints;

/// <summary>Source-generated JSON for the logging routes (same conventions as <see cref="WebMacsJsonContext"/>).</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    Converters = [typeof(RestDateTimeConverter)],
    NumberHandling = JsonNumberHandling.Strict)]
[JsonSerializable(typeof(LogEntryResponse))]
[JsonSerializable(typeof(Paginated<LogEntryResponse>))]
[JsonSerializable(typeof(LogEntryCreateRequest))]
[JsonSerializable(typeof(LogEntryUpdateRequest))]
internal sealed partial class LoggingJsonContext : JsonSerializerContext
{
    /// <summary>Gets the instance with the WebMacs wire options (see <see cref="WebMacsJsonOptions"/>).</summary>
    public static LoggingJsonContext Web { get; } = new(WebMacsJsonOptions.Create());
}
