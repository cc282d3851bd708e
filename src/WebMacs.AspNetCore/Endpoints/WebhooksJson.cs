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
internal sealed partial class WebhooksJsonContext : JsonSerializerContext;
