using System.Globalization;
using WebMacs.Plugins;

namespace WebMacs.RevPi;

/// <summary>Turns piCtory I/Os into channels, and provides the fallback channels used when there is no piCtory file.</summary>
internal static class RevPiChannels
{
    public const int FallbackCount = 14;

    /// <summary>Maps a numeric input or output I/O to its channel: the I/O name is the channel id.</summary>
    public static ChannelDescriptor FromIo(PiCtoryIo io, int index, double? safeValue)
    {
        var isBit = io.Type == PiCtoryIoType.Bit;
        var isOutput = io.Direction == PiCtoryIoDirection.Output;
        return new ChannelDescriptor
        {
            Id = io.Name,
            Name = $"{io.DeviceName} / {io.Name}",
            Direction = isOutput ? ChannelDirection.Output : ChannelDirection.Input,
            DataType = isBit ? "bool" : "int",
            Unit = UnitOf(io),
            MinValue = io.MinValue,
            MaxValue = io.MaxValue,
            SafeValue = isOutput ? Math.Clamp(safeValue ?? io.DefaultValue, io.MinValue, io.MaxValue) : null,
            Simulation = isBit ? StepSignal(index) : new SimulationSpec
            {
                Profile = SimulationProfile.SineWave,
                BaseValue = (io.MinValue + io.MaxValue) / 2,
                Amplitude = (io.MaxValue - io.MinValue) / 4,
                PeriodSeconds = 60 + (5 * (index % 12)),
            },
            UiHints = new Dictionary<string, string>(StringComparer.Ordinal)
            {
                ["device"] = io.DeviceName,
                ["address"] = io.DescribeLocation(),
                ["type"] = io.Type.ToString(),
            },
        };
    }

    /// <summary>Lists the 28 fallback channels of the original (14 digital inputs, 14 digital outputs with safe value 0).</summary>
    public static IReadOnlyList<ChannelDescriptor> Fallback()
    {
        var channels = new List<ChannelDescriptor>(2 * FallbackCount);
        for (var i = 1; i <= FallbackCount; i++)
        {
            channels.Add(new ChannelDescriptor
            {
                Id = string.Create(CultureInfo.InvariantCulture, $"Input_{i}"),
                Name = string.Create(CultureInfo.InvariantCulture, $"Digital Input {i}"),
                Direction = ChannelDirection.Input,
                DataType = "bool",
                Unit = "bool",
                MinValue = 0,
                MaxValue = 1,
                Simulation = StepSignal(i),
            });
        }

        for (var i = 1; i <= FallbackCount; i++)
        {
            channels.Add(new ChannelDescriptor
            {
                Id = string.Create(CultureInfo.InvariantCulture, $"Output_{i}"),
                Name = string.Create(CultureInfo.InvariantCulture, $"Digital Output {i}"),
                Direction = ChannelDirection.Output,
                DataType = "bool",
                Unit = "bool",
                MinValue = 0,
                MaxValue = 1,
                SafeValue = 0,
            });
        }

        return channels;
    }

    /// <summary>Derives a unit from the piCtory comment, as the original does: temperature °C, voltage V, current mA.</summary>
    public static string UnitOf(PiCtoryIo io)
    {
        var comment = io.Comment ?? string.Empty;
        if (comment.Contains("temp", StringComparison.OrdinalIgnoreCase))
        {
            return "°C";
        }

        if (comment.Contains("volt", StringComparison.OrdinalIgnoreCase))
        {
            return "V";
        }

        if (comment.Contains("current", StringComparison.OrdinalIgnoreCase) || comment.Contains("ampere", StringComparison.OrdinalIgnoreCase))
        {
            return "mA";
        }

        return io.Type == PiCtoryIoType.Bit ? "bool" : "raw";
    }

    // Each input toggles between 0 and 1 at its own rate: period 5 + 2·i seconds.
    private static SimulationSpec StepSignal(int index) => new()
    {
        Profile = SimulationProfile.Step,
        BaseValue = 0.5,
        Amplitude = 0.5,
        PeriodSeconds = 5 + (2 * index),
    };
}
