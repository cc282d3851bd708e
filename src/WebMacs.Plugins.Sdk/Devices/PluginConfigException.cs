namespace WebMacs.Plugins;

/// <summary>
/// Reports that a plugin configuration (<c>config_json</c>) is unusable; <see cref="Field"/> names the offending
/// setting by its JSON (snake_case) name, e.g. <c>poll_interval_ms</c> or <c>retry_policy.max_delay</c>.
/// </summary>
public class PluginConfigException : PluginException
{
    /// <summary>Creates the exception for the setting <paramref name="field"/> of the plugin <paramref name="pluginId"/>.</summary>
    /// <param name="pluginId">The id of the plugin.</param>
    /// <param name="field">The JSON name of the offending setting, or null when the whole document is unusable.</param>
    /// <param name="message">What is wrong with it.</param>
    public PluginConfigException(string pluginId, string? field, string message)
        : this(pluginId, field, message, null)
    {
    }

    /// <summary>Creates the exception for the setting <paramref name="field"/> with the exception that caused it.</summary>
    /// <param name="pluginId">The id of the plugin.</param>
    /// <param name="field">The JSON name of the offending setting, or null when the whole document is unusable.</param>
    /// <param name="message">What is wrong with it.</param>
    /// <param name="innerException">The cause, or null.</param>
    public PluginConfigException(string pluginId, string? field, string message, Exception? innerException)
        : base(pluginId, field is null ? message : $"Invalid configuration '{field}': {message}", innerException)
    {
        Field = field;
    }

    /// <summary>Gets the JSON name of the offending setting, or null when the whole document is unusable.</summary>
    public string? Field { get; }
}
