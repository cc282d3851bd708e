using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Reflection;
using System.Text.Json.Nodes;
using System.Text.Json.Schema;

namespace WebMacs.Plugins;

/// <summary>
/// Exports the JSON schema of a plugin's options for dynamic forms (reference §4.3): snake_case property names, the
/// defaults, <c>description</c> from <see cref="DescriptionAttribute"/>, <c>minimum</c>/<c>maximum</c> from
/// <see cref="RangeAttribute"/>, <c>minLength</c>/<c>maxLength</c> from the length attributes and <c>ui_order</c>
/// from <see cref="DisplayAttribute.Order"/>.
/// </summary>
public static class PluginOptionsSchema
{
    /// <summary>Exports the schema of <typeparamref name="TOptions"/>.</summary>
    /// <typeparam name="TOptions">The options type.</typeparam>
    /// <returns>The JSON schema.</returns>
    public static JsonNode For<TOptions>()
        where TOptions : PluginInstanceOptions => For(typeof(TOptions));

    /// <summary>Exports the schema of <paramref name="optionsType"/>.</summary>
    /// <param name="optionsType">A <see cref="PluginInstanceOptions"/> type.</param>
    /// <returns>The JSON schema.</returns>
    public static JsonNode For(Type optionsType)
    {
        ArgumentNullException.ThrowIfNull(optionsType);
        if (!typeof(PluginInstanceOptions).IsAssignableFrom(optionsType))
        {
            throw new ArgumentException($"{optionsType} does not derive from {nameof(PluginInstanceOptions)}.", nameof(optionsType));
        }

        var exporter = new JsonSchemaExporterOptions { TransformSchemaNode = Transform, TreatNullObliviousAsNonNullable = true };
        var schema = PluginOptionsBinder.SerializerOptions.GetJsonSchemaAsNode(optionsType, exporter);
        if (schema is JsonObject root && Activator.CreateInstance(optionsType) is { } defaults)
        {
            root["default"] = System.Text.Json.JsonSerializer.SerializeToNode(defaults, optionsType, PluginOptionsBinder.SerializerOptions);
        }

        return schema;
    }

    private static JsonNode Transform(JsonSchemaExporterContext context, JsonNode schema)
    {
        if (context.PropertyInfo?.AttributeProvider is not ICustomAttributeProvider provider || schema is not JsonObject node)
        {
            return schema;
        }

        foreach (var attribute in provider.GetCustomAttributes(inherit: true))
        {
            switch (attribute)
            {
                case DescriptionAttribute description when !string.IsNullOrEmpty(description.Description):
                    node["description"] = description.Description;
                    break;
                case RangeAttribute range:
                    SetBound(node, "minimum", range.Minimum);
                    SetBound(node, "maximum", range.Maximum);
                    break;
                case StringLengthAttribute length:
                    node["maxLength"] = length.MaximumLength;
                    if (length.MinimumLength > 0)
                    {
                        node["minLength"] = length.MinimumLength;
                    }

                    break;
                case MinLengthAttribute min:
                    node["minLength"] = min.Length;
                    break;
                case MaxLengthAttribute max:
                    node["maxLength"] = max.Length;
                    break;
                case DisplayAttribute display when display.GetOrder() is { } order:
                    node["ui_order"] = order;
                    break;
                default:
                    break;
            }
        }

        return node;
    }

    private static void SetBound(JsonObject node, string name, object bound)
    {
        var value = System.Convert.ToDouble(bound, CultureInfo.InvariantCulture);
        if (double.IsFinite(value) && Math.Abs(value) < double.MaxValue && value is not int.MaxValue and not int.MinValue)
        {
            node[name] = value == Math.Floor(value) && Math.Abs(value) < long.MaxValue ? JsonValue.Create((long)value) : JsonValue.Create(value);
        }
    }
}
