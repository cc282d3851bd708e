using System.Text.Json.Nodes;

namespace WebMacs.Plugins.Testing;

// The behavioural checks this port adds to the original's suite.
public static partial class PluginConformance
{
    private static async Task<string?> SafeValuesOnDisconnect(CheckContext c)
    {
        var plugin = await c.ConnectedAsync().ConfigureAwait(false);
        var outputs = plugin.ChannelList.Where(ch => ch.IsWritable && ch.SafeValue is not null).ToList();
        foreach (var channel in outputs)
        {
            await plugin.WriteAsync(channel.Id, channel.SafeValue == channel.MaxValue ? channel.MinValue : channel.MaxValue, c.Token).ConfigureAwait(false);
        }

        await plugin.DisconnectAsync(c.Token).ConfigureAwait(false);
        var wrong = new List<string>();
        foreach (var channel in outputs)
        {
            var expected = Math.Clamp(channel.SafeValue!.Value, channel.MinValue, channel.MaxValue);
            var actual = await plugin.ReadAsync(channel.Id, c.Token).ConfigureAwait(false);
            if (actual is not { } value || Math.Abs(value - expected) > 1e-9)
            {
                wrong.Add($"'{channel.Id}' reads {actual?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "null"}, expected {expected.ToString(System.Globalization.CultureInfo.InvariantCulture)}");
            }
        }

        return wrong.Count == 0 ? null : $"Safe values were not written on disconnect: {string.Join("; ", wrong)}.";
    }

    private static async Task<string?> DemoValuesWithinRange(CheckContext c)
    {
        var plugin = await c.ConnectedAsync().ConfigureAwait(false);
        var wrong = new List<string>();
        for (var round = 0; round < 5; round++)
        {
            foreach (var reading in await plugin.ReadInputsAsync(c.Token).ConfigureAwait(false))
            {
                var channel = plugin.Channels[reading.ChannelId];
                if (reading.Value is { } v && (v < channel.MinValue || v > channel.MaxValue || Math.Round(v, 3) != v))
                {
                    wrong.Add($"'{channel.Id}' = {v}");
                }
            }
        }

        return wrong.Count == 0 ? null : $"Demo values outside the channel range or not rounded to 3 decimals: {string.Join(", ", wrong.Distinct())}.";
    }

    private static async Task<string?> UnknownChannelRejected(CheckContext c)
    {
        var plugin = await c.ConnectedAsync().ConfigureAwait(false);
        try
        {
            await plugin.ReadAsync("\u0001no such channel", c.Token).ConfigureAwait(false);
            return "Reading an unknown channel did not throw ChannelNotFoundException.";
        }
        catch (ChannelNotFoundException ex)
        {
            return ex.PluginId == plugin.Descriptor.Id ? null : $"ChannelNotFoundException names plugin '{ex.PluginId}'.";
        }
    }

    private static async Task<string?> InputWriteRejected(CheckContext c)
    {
        var plugin = await c.ConnectedAsync().ConfigureAwait(false);
        if (plugin.ChannelList.FirstOrDefault(ch => ch.Direction == ChannelDirection.Input) is not { } input)
        {
            return null;
        }

        try
        {
            await plugin.WriteAsync(input.Id, input.MinValue, c.Token).ConfigureAwait(false);
            return $"Writing the input channel '{input.Id}' did not throw PluginStateException.";
        }
        catch (PluginStateException)
        {
            return null;
        }
    }

    private static async Task<string?> DoubleConnectRejected(CheckContext c)
    {
        var plugin = await c.ConnectedAsync().ConfigureAwait(false);
        try
        {
            await plugin.ConnectAsync(c.Token).ConfigureAwait(false);
            return "A second connect did not throw PluginStateException.";
        }
        catch (PluginStateException)
        {
            return plugin.State == PluginState.Connected ? null : $"A rejected second connect left the state {plugin.State}.";
        }
    }

    private static async Task<string?> UnhealthyWhenDisconnected(CheckContext c)
    {
        var plugin = await c.ConnectedAsync().ConfigureAwait(false);
        await plugin.DisconnectAsync(c.Token).ConfigureAwait(false);
        return plugin.CheckHealth().IsHealthy ? "Health reports healthy while disconnected." : null;
    }

    private static string? InvalidConfigNamesField(CheckContext c)
    {
        var plugin = c.New();
        try
        {
            plugin.Configure(Merge(c.RawConfig, ("demo_mode", true), ("poll_interval_ms", JsonValue.Create(5))));
            return "poll_interval_ms = 5 was accepted (the minimum is 10).";
        }
        catch (PluginConfigException ex)
        {
            return ex.Field == "poll_interval_ms" ? null : $"PluginConfigException names '{ex.Field}', expected 'poll_interval_ms'.";
        }
    }

    private static async Task<string?> ReadInputsInOrder(CheckContext c)
    {
        var plugin = await c.ConnectedAsync().ConfigureAwait(false);
        var expected = plugin.ChannelList.Where(ch => ch.IsReadable).Select(ch => ch.Id).ToList();
        var actual = (await plugin.ReadInputsAsync(c.Token).ConfigureAwait(false)).Select(r => r.ChannelId).ToList();
        return expected.SequenceEqual(actual, StringComparer.Ordinal)
            ? null
            : $"ReadInputsAsync returned [{string.Join(", ", actual)}], expected [{string.Join(", ", expected)}].";
    }
}
