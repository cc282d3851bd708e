namespace WebMacs.Plugins;

/// <summary>Reports a device-plugin failure (reference §4.8); the message reads <c>[&lt;plugin id&gt;] &lt;detail&gt;</c>.</summary>
public class PluginException : Exception
{
    /// <summary>Creates the exception for the plugin <paramref name="pluginId"/>.</summary>
    /// <param name="pluginId">The id of the plugin that failed.</param>
    /// <param name="message">What went wrong.</param>
    public PluginException(string pluginId, string message)
        : this(pluginId, message, null)
    {
    }

    /// <summary>Creates the exception for the plugin <paramref name="pluginId"/> with the exception that caused it.</summary>
    /// <param name="pluginId">The id of the plugin that failed.</param>
    /// <param name="message">What went wrong.</param>
    /// <param name="innerException">The cause, or null.</param>
    public PluginException(string pluginId, string message, Exception? innerException)
        : base($"[{pluginId}] {message}", innerException)
    {
        PluginId = pluginId ?? "";
        Detail = message ?? "";
    }

    /// <summary>Gets the id of the plugin that failed.</summary>
    public string PluginId { get; }

    /// <summary>Gets the message without the <c>[plugin id]</c> prefix.</summary>
    public string Detail { get; }
}
