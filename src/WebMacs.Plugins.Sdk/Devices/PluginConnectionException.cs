namespace WebMacs.Plugins;

/// <summary>Reports that connecting to the device failed; the plugin is left in <see cref="PluginState.Error"/>.</summary>
public class PluginConnectionException : PluginException
{
    /// <summary>Creates the exception for the plugin <paramref name="pluginId"/>.</summary>
    /// <param name="pluginId">The id of the plugin.</param>
    /// <param name="message">What went wrong.</param>
    public PluginConnectionException(string pluginId, string message)
        : base(pluginId, message)
    {
    }

    /// <summary>Creates the exception for the plugin <paramref name="pluginId"/> with the exception that caused it.</summary>
    /// <param name="pluginId">The id of the plugin.</param>
    /// <param name="message">What went wrong.</param>
    /// <param name="innerException">The cause, or null.</param>
    public PluginConnectionException(string pluginId, string message, Exception? innerException)
        : base(pluginId, message, innerException)
    {
    }
}
