using System.Globalization;
using System.Text.Json.Nodes;

namespace WebMacs.Plugins.Testing;

// The checks: 1–13 are the original's PluginConformanceSuite (reference §4.12), the rest are this port's additions.
// Each returns null when it passes, otherwise why it failed.
public static partial class PluginConformance
{
    private static readonly (string Name, Func<CheckContext, Task<string?>> Check)[] Checks =
    [
        ("descriptor_present", c => Task.FromResult(c.New().Descriptor is null ? "Descriptor is null." : null)),
        ("descriptor_required_fields", c => Task.FromResult(RequiredFields(c.New().Descriptor))),
        ("descriptor_id_format", c => Task.FromResult(IdFormat(c.New().Descriptor?.Id))),
        ("has_channels", c => Task.FromResult(c.Configured().ChannelList.Count == 0 ? "The configured plugin has no channels." : null)),
        ("channel_directions_valid", c => Task.FromResult(Each(c.Configured().ChannelList, ch => Enum.IsDefined(ch.Direction) ? null : $"'{ch.Id}' has direction {(int)ch.Direction}."))),
        ("channel_ids_unique", c => Task.FromResult(Unique(c.Configured().DeclaredChannels))),
        ("channel_units_present", c => Task.FromResult(Each(c.Configured().ChannelList, ch => string.IsNullOrWhiteSpace(ch.Unit) ? $"'{ch.Id}' has no unit." : null))),
        ("connect_disconnect_cycle", ConnectDisconnectCycle),
        ("double_disconnect", DoubleDisconnect),
        ("demo_inputs_have_values", DemoInputsHaveValues),
        ("demo_output_writes", DemoOutputWrites),
        ("apply_safe_state_after_connect", ApplySafeStateAfterConnect),
        ("healthy_when_connected", HealthyWhenConnected),
        ("options_schema_exports", c => Task.FromResult(OptionsSchema(c.New()))),
        ("channel_ranges_valid", c => Task.FromResult(Each(c.Configured().ChannelList, Range))),
        ("conversions_round_trip", c => Task.FromResult(Each(c.Configured().ChannelList, Conversions))),
        ("safe_values_written_on_disconnect", SafeValuesOnDisconnect),
        ("demo_values_within_range", DemoValuesWithinRange),
        ("unknown_channel_rejected", UnknownChannelRejected),
        ("input_write_rejected", InputWriteRejected),
        ("double_connect_rejected", DoubleConnectRejected),
        ("unhealthy_when_disconnected", UnhealthyWhenDisconnected),
        ("invalid_config_names_field", c => Task.FromResult(InvalidConfigNamesField(c))),
        ("read_inputs_in_declaration_order", ReadInputsInOrder),
    ];

    private static string? RequiredFields(PluginDescriptor? d) =>
        d is null ? "Descriptor is null."
        : string.IsNullOrWhiteSpace(d.Id) ? "Descriptor.Id is empty."
        : string.IsNullOrWhiteSpace(d.Name) ? "Descriptor.Name is empty."
        : string.IsNullOrWhiteSpace(d.Version) ? "Descriptor.Version is empty."
        : null;

    private static string? IdFormat(string? id) =>
        id is { Length: > 0 } && id.All(ch => ch is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '_' or '-' or '.')
            ? null
            : $"Descriptor.Id '{id}' must be lowercase letters, digits, '_', '-' or '.', without spaces.";

    private static string? Unique(IReadOnlyList<ChannelDescriptor> channels)
    {
        var duplicates = channels.GroupBy(ch => ch.Id, StringComparer.Ordinal).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
        return duplicates.Count == 0 ? null : $"Duplicate channel ids: {string.Join(", ", duplicates)}.";
    }

    private static string? Each(IEnumerable<ChannelDescriptor> channels, Func<ChannelDescriptor, string?> check)
    {
        var problems = channels.Select(check).Where(p => p is not null).ToList();
        return problems.Count == 0 ? null : string.Join(" ", problems);
    }

    private static async Task<string?> ConnectDisconnectCycle(CheckContext c)
    {
        var plugin = c.Configured();
        var states = new List<PluginState> { plugin.State };
        await plugin.ConnectAsync(c.Token).ConfigureAwait(false);
        states.Add(plugin.State);
        await plugin.DisconnectAsync(c.Token).ConfigureAwait(false);
        states.Add(plugin.State);
        return states.SequenceEqual([PluginState.Configured, PluginState.Connected, PluginState.Disconnected])
            ? null
            : $"States were {string.Join(" → ", states)}, expected Configured → Connected → Disconnected.";
    }

    private static async Task<string?> DoubleDisconnect(CheckContext c)
    {
        var plugin = await c.ConnectedAsync().ConfigureAwait(false);
        await plugin.DisconnectAsync(c.Token).ConfigureAwait(false);
        await plugin.DisconnectAsync(c.Token).ConfigureAwait(false);
        return plugin.State == PluginState.Disconnected ? null : $"State after two disconnects is {plugin.State}.";
    }

    private static async Task<string?> DemoInputsHaveValues(CheckContext c)
    {
        var plugin = await c.ConnectedAsync().ConfigureAwait(false);
        var missing = new List<string>();
        foreach (var channel in plugin.ChannelList.Where(ch => ch.IsReadable))
        {
            if (await plugin.ReadAsync(channel.Id, c.Token).ConfigureAwait(false) is null)
            {
                missing.Add(channel.Id);
            }
        }

        return missing.Count == 0 ? null : $"Demo reads returned null for: {string.Join(", ", missing)}.";
    }

    private static async Task<string?> DemoOutputWrites(CheckContext c)
    {
        var plugin = await c.ConnectedAsync().ConfigureAwait(false);
        foreach (var channel in plugin.ChannelList.Where(ch => ch.IsWritable))
        {
            await plugin.WriteAsync(channel.Id, 0, c.Token).ConfigureAwait(false);
        }

        return null;
    }

    private static async Task<string?> ApplySafeStateAfterConnect(CheckContext c)
    {
        var plugin = await c.ConnectedAsync().ConfigureAwait(false);
        await plugin.ApplySafeStateAsync(c.Token).ConfigureAwait(false);
        return null;
    }

    private static async Task<string?> HealthyWhenConnected(CheckContext c)
    {
        var plugin = await c.ConnectedAsync().ConfigureAwait(false);
        var report = plugin.CheckHealth();
        return report is { IsHealthy: true } ? null : $"Health while connected: state {report?.State}, healthy {report?.IsHealthy}.";
    }

    private static string? OptionsSchema(DevicePlugin plugin)
    {
        var type = plugin.OptionsType;
        if (type is null || !typeof(PluginInstanceOptions).IsAssignableFrom(type) || type.GetConstructor(Type.EmptyTypes) is null)
        {
            return $"OptionsType {type} must derive from {nameof(PluginInstanceOptions)} and have a public parameterless constructor.";
        }

        var properties = PluginOptionsSchema.For(type)["properties"] as JsonObject;
        return properties is not null && properties.ContainsKey("demo_mode") && properties.ContainsKey("poll_interval_ms")
            ? null
            : "The options schema does not list demo_mode and poll_interval_ms.";
    }

    private static string? Range(ChannelDescriptor ch) =>
        string.IsNullOrWhiteSpace(ch.Id) || string.IsNullOrWhiteSpace(ch.Name) ? $"A channel ('{ch.Id}') has an empty id or name."
        : !double.IsFinite(ch.MinValue) || !double.IsFinite(ch.MaxValue) || ch.MinValue > ch.MaxValue ? $"'{ch.Id}' has the range [{ch.MinValue}, {ch.MaxValue}]."
        : null;

    private static string? Conversions(ChannelDescriptor ch)
    {
        foreach (var (role, spec) in new[] { ("read", ch.ReadConversion), ("write", ch.WriteConversion) })
        {
            if (spec is null || !spec.IsKnown)
            {
                return $"'{ch.Id}' has an unknown {role} conversion '{spec?.Type}'.";
            }
        }

        if (!ch.IsWritable || ch.WriteConversion.Type == ConversionRegistry.ClampName)
        {
            return null;
        }

        foreach (var value in new[] { ch.MinValue, (ch.MinValue + ch.MaxValue) / 2, ch.MaxValue })
        {
            var back = ch.WriteConversion.Convert(ch.WriteConversion.Invert(value));
            if (Math.Abs(back - value) > 1e-6 * Math.Max(1, Math.Abs(value)))
            {
                return $"'{ch.Id}': the write conversion does not round-trip {value.ToString(CultureInfo.InvariantCulture)} (got {back.ToString(CultureInfo.InvariantCulture)}).";
            }
        }

        return null;
    }
}
