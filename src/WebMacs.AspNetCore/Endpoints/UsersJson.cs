using System.Text.Json.Serialization;
using WebMacs.AspNetCore.Http;

namespace WebMacs.AspNetCore.Endpoints;

/// <summary>Source-generated JSON for the users routes (same conventions as <see cref="WebMacsJsonContext"/>).</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    Converters = [typeof(RestDateTimeConverter)],
    NumberHandling = JsonNumberHandling.Strict)]
[JsonSerializable(typeof(Paginated<UserResponse>))]
internal sealed partial class UsersJsonContext : JsonSerializerContext
{
    /// <summary>Gets the instance with the WebMacs wire options (see <see cref="WebMacsJsonOptions"/>).</summary>
    public static UsersJsonContext Web { get; } = new(WebMacsJsonOptions.Create());
}
