using System.Text.Json.Serialization;
using WebMacs.AspNetCore.Http;

namespace WebMacs.AspNetCore.Endpoints;

/// <summary>Source-generated JSON for the rules routes (same conventions as <see cref="WebMacsJsonContext"/>).</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    Converters = [typeof(RestDateTimeConverter)],
    NumberHandling = JsonNumberHandling.Strict)]
[JsonSerializable(typeof(RuleResponse))]
[JsonSerializable(typeof(Paginated<RuleResponse>))]
[JsonSerializable(typeof(RuleCreateRequest))]
[JsonSerializable(typeof(RuleUpdateRequest))]
internal sealed partial class RulesJsonContext : JsonSerializerContext
{
    /// <summary>Gets the instance with the WebMacs wire options (see <see cref="WebMacsJsonOptions"/>).</summary>
    public static RulesJsonContext Web { get; } = new(WebMacsJsonOptions.Create());
}
