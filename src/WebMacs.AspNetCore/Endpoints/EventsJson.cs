using System.Text.Json.Serialization;
using WebMacs.AspNetCore.Http;

namespace WebMacs.AspNetCore.Endpoints;

/// <summary>Source-generated JSON for the events routes (same conventions as <see cref="WebMacsJsonContext"/>).</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    Converters = [typeof(RestDateTimeConverter)],
    NumberHandling = JsonNumberHandling.Strict)]
[JsonSerializable(typeof(EventResponse))]
[JsonSerializable(typeof(Paginated<EventResponse>))]
[JsonSerializable(typeof(EventCreateRequest))]
[JsonSerializable(typeof(EventUpdateRequest))]
internal sealed partial class EventsJsonContext : JsonSerializerContext
{
    /// <summary>Gets the instance with the WebMacs wire options (see <see cref="WebMacsJsonOptions"/>).</summary>
    public static EventsJsonContext Web { get; } = new(WebMacsJsonOptions.Create());
}
