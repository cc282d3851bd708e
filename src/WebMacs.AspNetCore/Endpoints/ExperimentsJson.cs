using System.Text.Json.Serialization;
using WebMacs.AspNetCore.Http;

namespace WebMacs.AspNetCore.Endpoints;

/// <summary>Source-generated JSON for the experiments routes (same conventions as <see cref="WebMacsJsonContext"/>).</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    Converters = [typeof(RestDateTimeConverter)],
    NumberHandling = JsonNumberHandling.Strict)]
[JsonSerializable(typeof(ExperimentResponse))]
[JsonSerializable(typeof(Paginated<ExperimentResponse>))]
[JsonSerializable(typeof(ExperimentCreateRequest))]
[JsonSerializable(typeof(ExperimentUpdateRequest))]
internal sealed partial class ExperimentsJsonContext : JsonSerializerContext
{
    /// <summary>Gets the instance with the WebMacs wire options (see <see cref="WebMacsJsonOptions"/>).</summary>
    public static ExperimentsJsonContext Web { get; } = new(WebMacsJsonOptions.Create());
}
