using WebMacs.Domain;
using WebMacs.Plugins;
using ChannelDirection = WebMacs.Domain.ChannelDirection;

namespace WebMacs.AspNetCore.Endpoints;

// Bodies of the plugin routes (reference §4.2 PluginMetaResponse, PluginInstanceResponse, ChannelMappingResponse,
// PluginPackageResponse; §4.3 routes 67–79).

/// <summary>An installed plugin.</summary>
internal sealed record PluginMetaResponse(string Id, string Name, string Version, string Vendor, string Description, string? Url)
{
    public static PluginMetaResponse From(PluginMeta m) => new(m.Id, m.Name, m.Version, m.Vendor, m.Description, m.Url);
}

/// <summary>A channel of a plugin instance and the event it feeds.</summary>
internal sealed record ChannelMappingResponse(Guid PublicId, string ChannelId, string ChannelName, string Direction, string Unit, Guid? EventPublicId, DateTime CreatedOn)
{
    public static ChannelMappingResponse From(ChannelMappingView m) =>
        new(m.PublicId, m.ChannelId, m.ChannelName, WireEnum<ChannelDirection>.ToWire(m.Direction), m.Unit, m.EventPublicId, m.CreatedOn);
}

/// <summary>A plugin instance with its channel mappings.</summary>
internal sealed record PluginInstanceResponse(
    Guid PublicId,
    string PluginId,
    string InstanceName,
    bool DemoMode,
    bool Enabled,
    string Status,
    string? ConfigJson,
    string? ErrorMessage,
    DateTime CreatedOn,
    DateTime UpdatedOn,
    Guid UserPublicId,
    IReadOnlyList<ChannelMappingResponse> ChannelMappings)
{
    public static PluginInstanceResponse From(PluginInstanceView p) =>
        new(p.PublicId, p.PluginId, p.InstanceName, p.DemoMode, p.Enabled, WireEnum<PluginStatus>.ToWire(p.Status), p.ConfigJson, p.ErrorMessage,
            p.CreatedOn, p.UpdatedOn, p.UserPublicId, [.. p.ChannelMappings.Select(ChannelMappingResponse.From)]);
}

/// <summary>A recorded plugin package; <c>file_hash_sha256</c> (an addition of the port) is what a controller checks a download against.</summary>
internal sealed record PluginPackageResponse(
    Guid PublicId,
    string PackageName,
    string Version,
    string Source,
    IReadOnlyList<string> PluginIds,
    long? FileSizeBytes,
    string? FileHashSha256,
    DateTime InstalledOn,
    bool Removable)
{
    public static PluginPackageResponse From(PluginPackageView p) =>
        new(p.PublicId, p.PackageName, p.Version, WireEnum<PluginSource>.ToWire(p.Source), p.PluginIds, p.FileSizeBytes, p.FileHashSha256, p.InstalledOn, p.Removable);
}

/// <summary>The body of <c>POST /plugins</c>: demo_mode (false), enabled (true) and auto_create_events (true) are optional; config_json is JSON text.</summary>
internal sealed record PluginInstanceCreateRequest(string PluginId, string InstanceName, bool? DemoMode, bool? Enabled, bool? AutoCreateEvents, string? ConfigJson);

/// <summary>The body of <c>PUT /plugins/{id}</c>: any of the fields.</summary>
internal sealed record PluginInstanceUpdateRequest(string? InstanceName, bool? DemoMode, bool? Enabled, string? ConfigJson);

/// <summary>The body of <c>PUT /plugins/{id}/status</c>: connected, error, demo or inactive, and an optional error message.</summary>
internal sealed record PluginInstanceStatusRequest(string Status, string? ErrorMessage);

/// <summary>The body of <c>POST /plugins/{id}/channels</c>.</summary>
internal sealed record ChannelMappingCreateRequest(string ChannelId, string ChannelName, string Direction, string Unit, string? EventPublicId);

/// <summary>The body of <c>PUT /plugins/{id}/channels/{mapping_id}</c>: an event to link, or null to unlink.</summary>
internal sealed record ChannelMappingUpdateRequest(string? EventPublicId);
