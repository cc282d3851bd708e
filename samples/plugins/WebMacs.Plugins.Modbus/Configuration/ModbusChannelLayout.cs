using System.ComponentModel.DataAnnotations;
using System.Globalization;

namespace WebMacs.Plugins.Modbus;

/// <summary>Validates the configured channels and turns them into channel descriptors and Modbus points.</summary>
internal sealed class ModbusChannelLayout
{
    private ModbusChannelLayout(IReadOnlyList<ChannelDescriptor> channels, IReadOnlyDictionary<string, ModbusPoint> points)
    {
        Channels = channels;
        Points = points;
    }

    public IReadOnlyList<ChannelDescriptor> Channels { get; }

    public IReadOnlyDictionary<string, ModbusPoint> Points { get; }

    /// <summary>Builds the layout of <paramref name="options"/>; the example map when no channels are configured.</summary>
    /// <exception cref="PluginConfigException">A channel is invalid; the field names it, e.g. <c>channels[2].data_type</c>.</exception>
    public static ModbusChannelLayout Build(ModbusOptions options, string pluginId)
    {
        var configured = options.Channels is { Count: > 0 } list
            ? list.Select(c => (Options: c, Simulation: (SimulationSpec?)null)).ToList()
            : ModbusExampleChannels.All.Select(c => (c.Options, (SimulationSpec?)c.Simulation)).ToList();
        var channels = new List<ChannelDescriptor>(configured.Count);
        var points = new Dictionary<string, ModbusPoint>(StringComparer.Ordinal);
        for (var i = 0; i < configured.Count; i++)
        {
            var (channel, simulation) = configured[i];
            var prefix = string.Create(CultureInfo.InvariantCulture, $"channels[{i}].");
            if (channel is null)
            {
                throw new PluginConfigException(pluginId, prefix.TrimEnd('.'), "must be an object.");
            }

            Validate(channel, prefix, pluginId);
            var point = ToPoint(channel, prefix, pluginId);
            if (!points.TryAdd(point.ChannelId, point))
            {
                throw new PluginConfigException(pluginId, prefix + "id", $"'{channel.Id}' is used by an earlier channel.");
            }

            channels.Add(ToDescriptor(channel, point, simulation, prefix, pluginId));
        }

        return new ModbusChannelLayout(channels, points);
    }

    private static void Validate(ModbusChannelOptions channel, string prefix, string pluginId)
    {
        var results = new List<ValidationResult>();
        if (!Validator.TryValidateObject(channel, new ValidationContext(channel), results, validateAllProperties: true))
        {
            var member = results[0].MemberNames.FirstOrDefault() ?? "";
            var property = member.Length == 0 ? null : typeof(ModbusChannelOptions).GetProperty(member);
            var field = property is null ? prefix.TrimEnd('.') : prefix + PluginOptionsBinder.JsonName(property);
            throw new PluginConfigException(pluginId, field, results[0].ErrorMessage ?? "is invalid.");
        }

        if (channel.Scale == 0 || !double.IsFinite(channel.Scale))
        {
            throw new PluginConfigException(pluginId, prefix + "scale", "must be a finite number other than 0.");
        }

        if (!double.IsFinite(channel.Offset))
        {
            throw new PluginConfigException(pluginId, prefix + "offset", "must be a finite number.");
        }
    }

    private static ModbusPoint ToPoint(ModbusChannelOptions channel, string prefix, string pluginId)
    {
        var isBit = channel.RegisterType is ModbusRegisterType.Coil or ModbusRegisterType.DiscreteInput;
        var dataType = channel.DataType ?? (isBit ? ModbusDataType.Bool : ModbusDataType.UInt16);
        if (isBit != (dataType == ModbusDataType.Bool))
        {
            throw new PluginConfigException(pluginId, prefix + "data_type", isBit
                ? $"must be bool for a {Json(channel.RegisterType)}."
                : $"cannot be bool for a {Json(channel.RegisterType)}; use uint16 and 0/1.");
        }

        var width = ModbusValueCodec.Width(dataType);
        if (channel.Address + width - 1 > ushort.MaxValue)
        {
            throw new PluginConfigException(pluginId, prefix + "address", $"{channel.Address} leaves no room for the {width} registers of a {Json(dataType)}.");
        }

        var direction = channel.Direction ?? ChannelDirection.Input;
        if (direction != ChannelDirection.Input && channel.RegisterType is ModbusRegisterType.InputRegister or ModbusRegisterType.DiscreteInput)
        {
            throw new PluginConfigException(pluginId, prefix + "direction", $"must be input: a {Json(channel.RegisterType)} is read-only.");
        }

        return new ModbusPoint(channel.Id, channel.RegisterType, (ushort)channel.Address, dataType, channel.WordOrder, channel.ByteOrder);
    }

    private static ChannelDescriptor ToDescriptor(
        ModbusChannelOptions channel, ModbusPoint point, SimulationSpec? simulation, string prefix, string pluginId)
    {
        var (rawMin, rawMax) = ModbusValueCodec.Range(point.DataType);
        var (a, b) = (rawMin * channel.Scale + channel.Offset, rawMax * channel.Scale + channel.Offset);
        var min = channel.MinValue ?? Math.Min(a, b);
        var max = channel.MaxValue ?? Math.Max(a, b);
        if (min > max)
        {
            throw new PluginConfigException(pluginId, prefix + "min_value", $"{min} is above max_value {max}.");
        }

        var conversion = channel.Scale == 1 && channel.Offset == 0 ? ConversionSpec.None : ConversionSpec.Linear(channel.Scale, channel.Offset);
        var integral = ModbusValueCodec.IsInteger(point.DataType) && channel.Scale == Math.Round(channel.Scale) && channel.Offset == Math.Round(channel.Offset);
        return new ChannelDescriptor
        {
            Id = channel.Id,
            Name = channel.Name is { Length: > 0 } name ? name : channel.Id,
            Direction = channel.Direction ?? ChannelDirection.Input,
            DataType = point.DataType == ModbusDataType.Bool ? "bool" : integral ? "int" : "float",
            Unit = channel.Unit,
            MinValue = min,
            MaxValue = max,
            ReadConversion = conversion,
            WriteConversion = conversion,
            Simulation = simulation ?? DefaultSimulation(point, min, max),
            SafeValue = channel.SafeValue,
            UiHints = new Dictionary<string, string>(StringComparer.Ordinal)
            {
                ["modbus_register_type"] = Json(point.RegisterType),
                ["modbus_address"] = point.Address.ToString(CultureInfo.InvariantCulture),
                ["modbus_data_type"] = Json(point.DataType),
            },
        };
    }

    /// <summary>A sine over the middle half of the range; around 0 (or the nearest bound) when the range is huge.</summary>
    private static SimulationSpec DefaultSimulation(ModbusPoint point, double min, double max)
    {
        if (point.DataType == ModbusDataType.Bool)
        {
            return new SimulationSpec { Profile = SimulationProfile.Step, BaseValue = 0.5, Amplitude = 0.5, PeriodSeconds = 10 };
        }

        var span = max - min;
        return double.IsFinite(span) && span <= 1e6
            ? new SimulationSpec { BaseValue = min + (span / 2), Amplitude = span / 4 }
            : new SimulationSpec { BaseValue = Math.Clamp(0, min, max), Amplitude = 1 };
    }

    private static string Json<TEnum>(TEnum value)
        where TEnum : struct, Enum => System.Text.Json.JsonNamingPolicy.SnakeCaseLower.ConvertName(value.ToString());
}
