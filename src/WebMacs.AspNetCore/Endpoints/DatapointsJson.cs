using System.Text.Json.Serialization;
using WebMacs.AspNetCore.Http;

namespace WebMacs.AspNetCore.Endpoints;

/// <summary>Source-generated JSON for the datapoints routes (same conventions as <see cref="WebMacsJsonContext"/>).</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    Converters = [typeof(RestDateTimeConverter)],
    NumberHandling = JsonNumberHandling.Strict)]
[JsonSerializable(typeof(DatapointResponse))]
[JsonSerializable(typeof(Paginated<DatapointResponse>))]
[JsonSerializable(typeof(List<DatapointResponse>))]
[JsonSerializable(typeof(Dictionary<string, List<DatapointResponse>>))]
[JsonSerializable(typeof(DatapointCreateRequest))]
[JsonSerializable(typeof(DatapointBatchRequest))]
[JsonSerializable(typeof(DatapointSeriesRequest))]
internal sealed partial class DatapointsJsonContext : JsonSerializerContext
{
    /// <summary>Gets the instance with the WebMacs wire options (see <see cref="WebMacsJsonOptions"/>).</summary>
    public static DatapointsJsonContext Web { get; } = new(WebMacsJsonOptions.Create());
}
