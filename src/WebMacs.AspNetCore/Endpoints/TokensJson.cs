using System.Text.Json.Serialization;
using WebMacs.AspNetCore.Http;

namespace WebMacs.AspNetCore.Endpoints;

/// <summary>Source-generated JSON for the API token routes (same conventions as <see cref="WebMacsJsonContext"/>).</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    Converters = [typeof(RestDateTimeConverter)],
    NumberHandling = JsonNumberHandling.Strict)]
[JsonSerializable(typeof(Paginated<ApiTokenResponse>))]
[JsonSerializable(typeof(ApiTokenCreatedResponse))]
[JsonSerializable(typeof(ApiTokenCreateRequest))]
internal sealed partial class TokensJsonContext : JsonSerializerContext
{
    /// <summary>Gets the instance with the WebMacs wire options (see <see cref="WebMacsJsonOptions"/>).</summary>
    public static TokensJsonContext Web { get; } = new(WebMacsJsonOptions.Create());
}
