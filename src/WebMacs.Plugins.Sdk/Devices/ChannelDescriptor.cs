namespace WebMacs.Plugins;

/// <summary>Describes one I/O point of a plugin instance (reference §4.4).</summary>
public sealed record ChannelDescriptor
{
    /// <summary>Gets the channel id: unique within the instance and the key that channel mappings use.</summary>
    public required string Id { get; init; }

    /// <summary>Gets the display name.</summary>
    public required string Name { get; init; }

    /// <summary>Gets whether the channel is read, written or both.</summary>
    public required ChannelDirection Direction { get; init; }

    /// <summary>Gets the value type hint: <c>float</c> (the default), <c>int</c> or <c>bool</c>; never enforced.</summary>
    public string DataType { get; init; } = "float";

    /// <summary>Gets the engineering unit, e.g. <c>°C</c>; the conformance kit requires a non-empty unit.</summary>
    public string Unit { get; init; } = "";

    /// <summary>Gets the lower bound in engineering units: writes and simulated values are clamped to it.</summary>
    public double MinValue { get; init; }

    /// <summary>Gets the upper bound in engineering units: writes and simulated values are clamped to it.</summary>
    public double MaxValue { get; init; } = 100;

    /// <summary>Gets the conversion from the raw device value to engineering units, applied on every hardware read.</summary>
    public ConversionSpec ReadConversion { get; init; } = ConversionSpec.None;

    /// <summary>Gets the conversion whose inverse turns an engineering value into the raw value written to the device.</summary>
    public ConversionSpec WriteConversion { get; init; } = ConversionSpec.None;

    /// <summary>Gets the signal that demo mode produces for this channel (already in engineering units).</summary>
    public SimulationSpec Simulation { get; init; } = SimulationSpec.Default;

    /// <summary>
    /// Gets the engineering value written to an output or bidirectional channel on disconnect and by
    /// <see cref="DevicePlugin.ApplySafeStateAsync"/>, clamped and converted like any write; null writes nothing.
    /// </summary>
    public double? SafeValue { get; init; }

    /// <summary>Gets free-form hints for user interfaces, e.g. <c>icon</c>, <c>color</c> or <c>widget_type</c>.</summary>
    public IReadOnlyDictionary<string, string> UiHints { get; init; } = EmptyHints;

    /// <summary>Gets whether the channel can be read (input or bidirectional).</summary>
    public bool IsReadable => Direction is ChannelDirection.Input or ChannelDirection.Bidirectional;

    /// <summary>Gets whether the channel can be written (output or bidirectional).</summary>
    public bool IsWritable => Direction is ChannelDirection.Output or ChannelDirection.Bidirectional;

    private static readonly IReadOnlyDictionary<string, string> EmptyHints = new Dictionary<string, string>();
}
