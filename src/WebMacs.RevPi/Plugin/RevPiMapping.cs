using System.Collections.Frozen;
using System.Globalization;
using WebMacs.Plugins;

namespace WebMacs.RevPi;

/// <summary>The channels of one configured instance and the I/O behind each channel id.</summary>
internal sealed class RevPiMapping
{
    private RevPiMapping(
        PiCtoryConfiguration? configuration, string configPath, FrozenDictionary<string, PiCtoryIo> byChannel, IReadOnlyList<ChannelDescriptor> channels)
    {
        Configuration = configuration;
        ConfigPath = configPath;
        ByChannel = byChannel;
        Channels = channels;
    }

    public static RevPiMapping Empty { get; } = Fallback(RevPiOptions.DefaultConfigPath);

    /// <summary>Gets the piCtory configuration, or <see langword="null"/> when the fallback channels are in use.</summary>
    public PiCtoryConfiguration? Configuration { get; }

    public string ConfigPath { get; }

    public FrozenDictionary<string, PiCtoryIo> ByChannel { get; }

    public IReadOnlyList<ChannelDescriptor> Channels { get; }

    /// <summary>Gets the byte just after the last mapped I/O; the image must reach it.</summary>
    public int RequiredImageLength => ByChannel.Count == 0 ? 0 : ByChannel.Values.Max(io => io.Offset + io.ByteLength);

    public static RevPiMapping Fallback(string configPath) =>
        new(null, configPath, FrozenDictionary<string, PiCtoryIo>.Empty, RevPiChannels.Fallback());

    /// <summary>Maps the inputs and outputs of the selected devices; settings that name unknown devices or I/Os fail.</summary>
    public static RevPiMapping Create(PiCtoryConfiguration configuration, RevPiOptions options, string pluginId)
    {
        var devices = SelectDevices(configuration, options.DeviceFilter, pluginId);
        var signed = new HashSet<string>(StringComparer.Ordinal);
        foreach (var name in options.SignedIos)
        {
            var io = configuration.FindIo(name)
                ?? throw new PluginConfigException(pluginId, "signed_ios", $"the piCtory configuration has no I/O named '{name}'.");
            if (io.Type is PiCtoryIoType.Bit or PiCtoryIoType.Block)
            {
                throw new PluginConfigException(pluginId, "signed_ios", $"I/O '{name}' is a {io.BitLength}-bit {io.Type.ToString().ToLowerInvariant()} and cannot be signed.");
            }

            signed.Add(name);
        }

        foreach (var name in options.SafeValues.Keys)
        {
            var io = configuration.FindIo(name);
            if (io is null || io.Direction != PiCtoryIoDirection.Output || io.Type == PiCtoryIoType.Block
                || !devices.Any(d => string.Equals(d.Name, io.DeviceName, StringComparison.Ordinal)))
            {
                throw new PluginConfigException(pluginId, "safe_values", $"'{name}' is not a numeric output of the selected piCtory devices.");
            }
        }

        var byChannel = new Dictionary<string, PiCtoryIo>(StringComparer.Ordinal);
        var channels = new List<ChannelDescriptor>();
        foreach (var device in devices)
        {
            foreach (var found in device.Ios)
            {
                if (found.Direction == PiCtoryIoDirection.Memory || found.Type == PiCtoryIoType.Block)
                {
                    continue;
                }

                var io = signed.Contains(found.Name) ? found with { IsSigned = true } : found;
                double? safe = options.SafeValues.TryGetValue(io.Name, out var configured) ? configured : null;
                if (safe is { } value && (value < io.MinValue || value > io.MaxValue))
                {
                    throw new PluginConfigException(
                        pluginId,
                        "safe_values",
                        string.Create(CultureInfo.InvariantCulture, $"the safe value {value} of '{io.Name}' is outside {io.MinValue}…{io.MaxValue}."));
                }

                byChannel.Add(io.Name, io);
                channels.Add(RevPiChannels.FromIo(io, channels.Count, safe));
            }
        }

        return new RevPiMapping(configuration, options.ConfigPath, byChannel.ToFrozenDictionary(StringComparer.Ordinal), channels);
    }

    private static List<PiCtoryDevice> SelectDevices(PiCtoryConfiguration configuration, IList<string> filter, string pluginId)
    {
        if (filter.Count == 0)
        {
            return [.. configuration.Devices];
        }

        static bool Matches(PiCtoryDevice device, string entry) =>
            string.Equals(device.Name, entry, StringComparison.Ordinal)
            || string.Equals(device.Label, entry, StringComparison.Ordinal)
            || string.Equals(device.Position.ToString(CultureInfo.InvariantCulture), entry, StringComparison.Ordinal);

        foreach (var entry in filter)
        {
            if (!configuration.Devices.Any(d => Matches(d, entry)))
            {
                var known = string.Join(", ", configuration.Devices.Select(d => $"'{d.Name}'"));
                throw new PluginConfigException(pluginId, "device_filter", $"no piCtory device is named '{entry}' (devices: {known}).");
            }
        }

        return [.. configuration.Devices.Where(d => filter.Any(entry => Matches(d, entry)))];
    }
}
