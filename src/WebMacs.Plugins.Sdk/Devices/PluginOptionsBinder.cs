using System.ComponentModel.DataAnnotations;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace WebMacs.Plugins;

/// <summary>
/// Binds plugin options from <c>config_json</c> (snake_case names, unknown keys ignored, comments and trailing commas
/// allowed) and validates them with their DataAnnotations and <see cref="IValidatableObject"/>; every failure is a
/// <see cref="PluginConfigException"/> that names the setting.
/// </summary>
public static class PluginOptionsBinder
{
    /// <summary>Gets the serializer options plugin options use (snake_case, case-insensitive, read-only).</summary>
    public static JsonSerializerOptions SerializerOptions { get; } = CreateSerializerOptions();

    /// <summary>Binds and validates options of type <typeparamref name="TOptions"/>.</summary>
    /// <typeparam name="TOptions">The options type.</typeparam>
    /// <param name="configJson">A JSON object, or null/empty/<c>null</c> for the defaults.</param>
    /// <param name="pluginId">The plugin id named in errors.</param>
    /// <returns>The options.</returns>
    public static TOptions Bind<TOptions>(string? configJson, string pluginId)
        where TOptions : PluginInstanceOptions, new() =>
        (TOptions)Bind(typeof(TOptions), configJson, pluginId);

    /// <summary>Binds and validates options of type <paramref name="optionsType"/>.</summary>
    /// <param name="optionsType">A <see cref="PluginInstanceOptions"/> type with a parameterless constructor.</param>
    /// <param name="configJson">A JSON object, or null/empty/<c>null</c> for the defaults.</param>
    /// <param name="pluginId">The plugin id named in errors.</param>
    /// <returns>The options.</returns>
    public static PluginInstanceOptions Bind(Type optionsType, string? configJson, string pluginId)
    {
        ArgumentNullException.ThrowIfNull(optionsType);
        if (!typeof(PluginInstanceOptions).IsAssignableFrom(optionsType))
        {
            throw new ArgumentException($"{optionsType} does not derive from {nameof(PluginInstanceOptions)}.", nameof(optionsType));
        }

        PluginInstanceOptions? options;
        try
        {
            options = string.IsNullOrWhiteSpace(configJson)
                ? null
                : (PluginInstanceOptions?)JsonSerializer.Deserialize(configJson, optionsType, SerializerOptions);
        }
        catch (JsonException ex)
        {
            var field = FieldFromPath(ex.Path);
            throw new PluginConfigException(pluginId, field, field is null ? $"The configuration is not a valid JSON object: {ex.Message}" : "has the wrong type or is malformed.", ex);
        }

        options ??= (PluginInstanceOptions)Activator.CreateInstance(optionsType)!;
        Validate(options, pluginId);
        return options;
    }

    /// <summary>Validates <paramref name="options"/> (recursively into nested settings objects).</summary>
    /// <param name="options">The options to validate.</param>
    /// <param name="pluginId">The plugin id named in errors.</param>
    public static void Validate(PluginInstanceOptions options, string pluginId)
    {
        ArgumentNullException.ThrowIfNull(options);
        ValidateObject(options, "", pluginId, depth: 0);
    }

    /// <summary>Gets the JSON (snake_case) name of <paramref name="property"/>.</summary>
    /// <param name="property">The property.</param>
    /// <returns>The JSON name.</returns>
    public static string JsonName(PropertyInfo property)
    {
        ArgumentNullException.ThrowIfNull(property);
        return property.GetCustomAttribute<JsonPropertyNameAttribute>()?.Name
            ?? JsonNamingPolicy.SnakeCaseLower.ConvertName(property.Name);
    }

    private static void ValidateObject(object instance, string prefix, string pluginId, int depth)
    {
        var results = new List<ValidationResult>();
        if (!Validator.TryValidateObject(instance, new ValidationContext(instance), results, validateAllProperties: true))
        {
            var first = results[0];
            var member = first.MemberNames.FirstOrDefault();
            var property = member is null ? null : instance.GetType().GetProperty(member);
            var field = property is null ? (member is null ? null : prefix + JsonNamingPolicy.SnakeCaseLower.ConvertName(member)) : prefix + JsonName(property);
            var message = first.ErrorMessage ?? "is invalid.";
            if (property is not null)
            {
                message = message.Replace(property.Name, JsonName(property), StringComparison.Ordinal);
            }

            throw new PluginConfigException(pluginId, field ?? (prefix.Length > 0 ? prefix.TrimEnd('.') : null), message);
        }

        if (depth >= 4)
        {
            return;
        }

        foreach (var property in instance.GetType().GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            if (property.GetIndexParameters().Length == 0 && IsSettingsObject(property.PropertyType)
                && property.GetValue(instance) is { } nested)
            {
                ValidateObject(nested, $"{prefix}{JsonName(property)}.", pluginId, depth + 1);
            }
        }
    }

    private static bool IsSettingsObject(Type type) =>
        type.IsClass && type != typeof(string) && !typeof(System.Collections.IEnumerable).IsAssignableFrom(type)
        && type.Namespace?.StartsWith("System", StringComparison.Ordinal) != true;

    private static string? FieldFromPath(string? path)
    {
        if (string.IsNullOrEmpty(path) || path == "$")
        {
            return null;
        }

        return path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : path.TrimStart('$');
    }

    private static JsonSerializerOptions CreateSerializerOptions()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
            DictionaryKeyPolicy = null,
            PropertyNameCaseInsensitive = true,
            ReadCommentHandling = JsonCommentHandling.Skip,
            AllowTrailingCommas = true,
            NumberHandling = JsonNumberHandling.Strict,
            UnmappedMemberHandling = JsonUnmappedMemberHandling.Skip,
            TypeInfoResolver = new DefaultJsonTypeInfoResolver(),
        };
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower));
        options.MakeReadOnly();
        return options;
    }
}
