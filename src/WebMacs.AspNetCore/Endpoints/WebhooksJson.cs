using System.Text.Json.Serialization;
using WebMacs.AspNetCore.Http;

namespace WebMacs.AspNetCore.Endpoints;

/// <summary>Source-generated JSON for the webhooks routes (same conventions as <see cref="WebMacsJsonContext"/>).</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    Converters = [typeof(RestDateTimeConverter)],
    NumberHandling = JsonNumberHandling.Strict)]
[JsonSerializable(typeof(WebhookResponse))]
[JsonSerializable(typeof(Paginated<WebhookResponse>))]
[JsonSerializable(typeof(Paginated<WebhookDeliveryResponse>))]
[JsonSerializable(typeof(WebhookCreateRequest))]
[JsonSerializable(typeof(WebhookUpdateRequest))]
internal sealed partial class WebhooksJsonContext : JsonSerializerContext
{
    /// <summary>Gets the instance with the WebMacs wire options (see <see cref="WebMacsJsonOptions"/>).</summary>
    public static WebhooksJsonContext Web { get; } = new(WebMacsJsonOptions.Create());
}
