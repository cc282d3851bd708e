using System.Text.Json.Serialization;
using WebMacs.AspNetCore.Http;

namespace WebMacs.AspNetCore.Endpoints;

/// <summary>Source-generated JSON for the OTA routes (same conventions as <see cref="WebMacsJsonContext"/>).</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    Converters = [typeof(RestDateTimeConverter)],
    NumberHandling = JsonNumberHandling.Strict)]
[JsonSerializable(typeof(FirmwareUpdateResponse))]
[JsonSerializable(typeof(Paginated<FirmwareUpdateResponse>))]
[JsonSerializable(typeof(UpdateCheckResponse))]
[JsonSerializable(typeof(FirmwareCreateRequest))]
[JsonSerializable(typeof(FirmwareApplyRequest))]
internal sealed partial class OtaJsonContext : JsonSerializerContext
{
    /// <summary>Gets the instance with the WebMacs wire options (see <see cref="WebMacsJsonOptions"/>).</summary>
    public static OtaJsonContext Web { get; } = new(WebMacsJsonOptions.Create());
}
