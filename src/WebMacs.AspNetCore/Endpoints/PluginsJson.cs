using System.Text.Json.Serialization;
using WebMacs.AspNetCore.Http;

namespace WebMacs.AspNetCore.Endpoints;

/// <summary>Source-generated JSON for the plugin routes (same conventions as <see cref="WebMacsJsonContext"/>).</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    Converters = [typeof(RestDateTimeConverter)],
    NumberHandling = JsonNumberHandling.Strict)]
[JsonSerializable(typeof(IReadOnlyList<PluginMetaResponse>))]
[JsonSerializable(typeof(PluginInstanceResponse))]
[JsonSerializable(typeof(Paginated<PluginInstanceResponse>))]
[JsonSerializable(typeof(IReadOnlyList<ChannelMappingResponse>))]
[JsonSerializable(typeof(IReadOnlyList<PluginPackageResponse>))]
[JsonSerializable(typeof(PluginInstanceCreateRequest))]
[JsonSerializable(typeof(PluginInstanceUpdateRequest))]
[JsonSerializable(typeof(ChannelMappingCreateRequest))]
[JsonSerializable(typeof(ChannelMappingUpdateRequest))]
internal sealed partial class PluginsJsonContext : JsonSerializerContext
{
    /// <summary>Gets the instance with the WebMacs wire options (see <see cref="WebMacsJsonOptions"/>).</summary>
    public static PluginsJsonContext Web { get; } = new(WebMacsJsonOptions.Create());
}
