using WebMacs.Domain;

namespace WebMacs.Plugins;

// What the plugin routes read and write (reference §4.2 PluginInstanceResponse, ChannelMappingResponse, PluginPackageResponse).

/// <summary>A channel mapping with the public id of its event (null when unlinked).</summary>
internal sealed record ChannelMappingView(Guid PublicId, string ChannelId, string ChannelName, Domain.ChannelDirection Direction, string Unit, Guid? EventPublicId, DateTime CreatedOn);

/// <summary>A plugin instance with its owner's public id and its channel mappings in creation order.</summary>
internal sealed record PluginInstanceView(
    Guid PublicId,
    string PluginId,
    string InstanceName,
    bool DemoMode,
    bool Enabled,
    PluginStatus Status,
    string? ConfigJson,
    string? ErrorMessage,
    DateTime CreatedOn,
    DateTime UpdatedOn,
    Guid UserPublicId,
    List<ChannelMappingView> ChannelMappings);

/// <summary>A new plugin instance (route 72).</summary>
internal sealed record PluginInstanceDraft(string PluginId, string InstanceName, bool DemoMode, bool Enabled, bool AutoCreateEvents, string? ConfigJson);

/// <summary>
/// The changes a PUT of a plugin instance asks for: null means "not sent"; <see cref="ConfigJsonSent"/> tells whether
/// the nullable config was sent, <see cref="NullSent"/> whether a NOT NULL field was sent as null.
/// </summary>
internal sealed record PluginInstanceChanges(string? InstanceName, bool? DemoMode, bool? Enabled, bool ConfigJsonSent, string? ConfigJson, bool NullSent);

/// <summary>A new channel mapping (route 77); <see cref="EventPublicId"/> null means "not linked".</summary>
internal sealed record ChannelMappingDraft(string ChannelId, string ChannelName, Domain.ChannelDirection Direction, string Unit, string? EventPublicId);

/// <summary>
/// A plugin package row with its plugin ids parsed from the stored JSON text and the SHA-256 recorded at upload (what a
/// controller checks a download against).
/// </summary>
internal sealed record PluginPackageView(Guid PublicId, string PackageName, string Version, PluginSource Source, IReadOnlyList<string> PluginIds, long? FileSizeBytes, string? FileHashSha256, DateTime InstalledOn)
{
    /// <summary>Gets a value indicating whether the package may be uninstalled (only uploaded ones).</summary>
    public bool Removable => Source == PluginSource.Uploaded;
}
