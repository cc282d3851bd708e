namespace WebMacs.Acquisition;

/// <summary>
/// An enabled plugin instance as the database describes it: what creates and configures the plugin
/// (<see cref="Definition"/>) and where its channels' values go (<see cref="Mappings"/>: channel id → event public id,
/// only channels linked to an event).
/// </summary>
internal sealed record InstanceSpec(Guid PublicId, InstanceDefinition Definition, IReadOnlyDictionary<string, Guid> Mappings)
{
    /// <summary>Tells whether the two specs map the same channels to the same events.</summary>
    public bool SameMappings(InstanceSpec other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return Mappings.Count == other.Mappings.Count
            && Mappings.All(m => other.Mappings.TryGetValue(m.Key, out var ev) && ev == m.Value);
    }
}

/// <summary>
/// What a plugin instance is created from; when it changes (an edit through the API) the instance is restarted, so
/// <c>config_json</c> and <c>demo_mode</c> changes apply without a restart of the host (reference §8 #9).
/// </summary>
internal sealed record InstanceDefinition(string PluginId, string InstanceName, bool DemoMode, string? ConfigJson, DateTime UpdatedOn);
