using System.Text.Json;
using System.Text.Json.Nodes;

namespace WebMacs.Plugins;

/// <summary>
/// Offers a device plugin registered with <c>AddDevicePlugin&lt;T&gt;()</c> to the catalogue: its descriptor is the
/// catalogue entry, and its channels are discovered by creating the plugin and configuring it with the instance's
/// <c>config_json</c> plus <c>demo_mode</c> (reference §6.2).
/// </summary>
internal sealed class DevicePluginDefinition(DevicePluginRegistration registration, IServiceProvider services) : IPluginDefinition
{
    private PluginMeta? meta;

    public PluginMeta Meta => meta ??= ToMeta(registration.GetDescriptor(services));

    public IReadOnlyList<ChannelInfo> DiscoverChannels(string? configJson, bool demoMode)
    {
        var plugin = registration.CreatePlugin(services);
        try
        {
            plugin.Configure(WithDemoMode(configJson, demoMode));
            return [.. plugin.ChannelList.Select(ToInfo)];
        }
        finally
        {
            plugin.DisposeAsync().AsTask().GetAwaiter().GetResult();
        }
    }

    /// <summary>Sets <c>demo_mode</c> in the configuration object; text that is not a JSON object is passed on for the plugin to reject.</summary>
    internal static string? WithDemoMode(string? configJson, bool demoMode)
    {
        JsonObject config;
        if (string.IsNullOrWhiteSpace(configJson))
        {
            config = [];
        }
        else
        {
            try
            {
                var node = JsonNode.Parse(configJson, documentOptions: new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
                if (node is null)
                {
                    config = [];
                }
                else if (node is JsonObject parsed)
                {
                    config = parsed;
                }
                else
                {
                    return configJson;
                }
            }
            catch (JsonException)
            {
                return configJson;
            }
        }

        config["demo_mode"] = demoMode;
        return config.ToJsonString();
    }

    private static PluginMeta ToMeta(PluginDescriptor d) =>
        new(d.Id, d.Name, d.Version, d.Vendor ?? "", d.Description ?? "", string.IsNullOrEmpty(d.Url) ? null : d.Url);

    private static ChannelInfo ToInfo(ChannelDescriptor c) => new(
        c.Id,
        c.Name,
        c.Direction switch
        {
            ChannelDirection.Output => Domain.ChannelDirection.Output,
            ChannelDirection.Bidirectional => Domain.ChannelDirection.Bidirectional,
            _ => Domain.ChannelDirection.Input,
        },
        c.Unit ?? "",
        c.MinValue,
        c.MaxValue);
}
