using System.Text.Json;
using System.Text.Json.Serialization;

namespace WebMacs.AspNetCore.Http;

/// <summary>Source-generated JSON for every WebMacs HTTP body: snake_case names, the original's datetime format.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    Converters = [typeof(RestDateTimeConverter)],
    NumberHandling = JsonNumberHandling.Strict)]
[JsonSerializable(typeof(StatusResponse))]
[JsonSerializable(typeof(HealthResponse))]
[JsonSerializable(typeof(LoginResponse))]
[JsonSerializable(typeof(UserResponse))]
[JsonSerializable(typeof(ErrorBody))]
[JsonSerializable(typeof(ValidationErrorBody))]
[JsonSerializable(typeof(JsonElement))]
[JsonSerializable(typeof(string))]
[JsonSerializable(typeof(int))]
[JsonSerializable(typeof(double))]
[JsonSerializable(typeof(bool))]
internal sealed partial class WebMacsJsonContext : JsonSerializerContext
{
    /// <summary>Gets the instance with the WebMacs wire options (see <see cref="WebMacsJsonOptions"/>).</summary>
    public static WebMacsJsonContext Web { get; } = new(WebMacsJsonOptions.Create());
}
