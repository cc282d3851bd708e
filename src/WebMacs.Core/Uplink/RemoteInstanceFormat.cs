using System.Buffers;
using System.Text.Json;
using WebMacs.Acquisition;

namespace WebMacs.Uplink;

/// <summary>
/// Reads plugin instances from the backend's <c>PluginInstanceResponse</c> JSON and writes/reads the controller's
/// last good configuration file (the same shape, so the file is readable and can be edited by hand in an emergency).
/// </summary>
internal static class RemoteInstanceFormat
{
    /// <summary>
    /// Parses one instance of <c>GET /api/v1/plugins</c>; null when it is disabled. The definition carries no
    /// <c>updated_on</c>: status reports change it on the backend, and an instance restarts only when its plugin,
    /// name, demo mode or configuration change.
    /// </summary>
    public static InstanceSpec? Parse(JsonElement item)
    {
        if (item.TryGetProperty("enabled", out var enabled) && enabled.ValueKind == JsonValueKind.False)
        {
            return null;
        }

        var mappings = new Dictionary<string, Guid>(StringComparer.Ordinal);
        if (item.TryGetProperty("channel_mappings", out var list) && list.ValueKind == JsonValueKind.Array)
        {
            foreach (var mapping in list.EnumerateArray())
            {
                if (mapping.TryGetProperty("event_public_id", out var ev) && ev.ValueKind == JsonValueKind.String
                    && mapping.GetProperty("channel_id").GetString() is { } channel)
                {
                    mappings.TryAdd(channel, ev.GetGuid());
                }
            }
        }

        var config = item.TryGetProperty("config_json", out var json) && json.ValueKind == JsonValueKind.String ? json.GetString() : null;
        var definition = new InstanceDefinition(
            item.GetProperty("plugin_id").GetString() ?? string.Empty,
            item.GetProperty("instance_name").GetString() ?? string.Empty,
            item.TryGetProperty("demo_mode", out var demo) && demo.ValueKind == JsonValueKind.True,
            config,
            default);
        return new InstanceSpec(item.GetProperty("public_id").GetGuid(), definition, mappings);
    }

    /// <summary>Writes the instances as a JSON array of <c>PluginInstanceResponse</c>-like objects.</summary>
    public static byte[] Write(IReadOnlyList<InstanceSpec> specs)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            writer.WriteStartArray();
            foreach (var spec in specs)
            {
                writer.WriteStartObject();
                writer.WriteString("public_id", spec.PublicId);
                writer.WriteString("plugin_id", spec.Definition.PluginId);
                writer.WriteString("instance_name", spec.Definition.InstanceName);
                writer.WriteBoolean("demo_mode", spec.Definition.DemoMode);
                writer.WriteBoolean("enabled", true);
                writer.WriteString("config_json", spec.Definition.ConfigJson);
                writer.WriteStartArray("channel_mappings");
                foreach (var (channel, ev) in spec.Mappings.OrderBy(m => m.Key, StringComparer.Ordinal))
                {
                    writer.WriteStartObject();
                    writer.WriteString("channel_id", channel);
                    writer.WriteString("event_public_id", ev);
                    writer.WriteEndObject();
                }

                writer.WriteEndArray();
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
        }

        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>Reads what <see cref="Write"/> wrote.</summary>
    public static List<InstanceSpec> Read(ReadOnlySpan<byte> utf8)
    {
        var reader = new Utf8JsonReader(utf8);
        using var document = JsonDocument.ParseValue(ref reader);
        return [.. document.RootElement.EnumerateArray().Select(Parse).OfType<InstanceSpec>()];
    }

    /// <summary>Writes the body of <c>PUT /api/v1/plugins/{id}/status</c>.</summary>
    public static byte[] StatusBody(string status, string? error)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("status", status);
            writer.WriteString("error_message", error);
            writer.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }
}
