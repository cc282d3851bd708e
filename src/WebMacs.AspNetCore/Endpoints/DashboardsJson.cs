using System.Text.Json.Serialization;
using WebMacs.AspNetCore.Http;

namespace WebMacs.AspNetCore.Endpoints;

/// <summary>Source-generated JSON for the dashboard routes (same conventions as <see cref="WebMacsJsonContext"/>).</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    Converters = [typeof(RestDateTimeConverter)],
    NumberHandling = JsonNumberHandling.Strict)]
[JsonSerializable(typeof(DashboardResponse))]
[JsonSerializable(typeof(Paginated<DashboardResponse>))]
[JsonSerializable(typeof(DashboardWidgetResponse))]
[JsonSerializable(typeof(DashboardCreateRequest))]
[JsonSerializable(typeof(DashboardUpdateRequest))]
[JsonSerializable(typeof(WidgetCreateRequest))]
[JsonSerializable(typeof(WidgetUpdateRequest))]
internal sealed partial class DashboardsJsonContext : JsonSerializerContext
{
    /// <summary>Gets the instance with the WebMacs wire options (see <see cref="WebMacsJsonOptions"/>).</summary>
    public static DashboardsJsonContext Web { get; } = new(WebMacsJsonOptions.Create());
}
