namespace WebMacs.Plugins;

/// <summary>Reports that a plugin type or package cannot be used: not a <see cref="DevicePlugin"/>, abstract, no usable descriptor, or no plugin registered under an id.</summary>
public class PluginLoadException : PluginException
{
    /// <summary>Creates the exception for the plugin <paramref name="pluginId"/>.</summary>
    /// <param name="pluginId">The id of the plugin.</param>
    /// <param name="message">What went wrong.</param>
    public PluginLoadException(string pluginId, string message)
        : base(pluginId, message)
    {
    }

    /// <summary>Creates the exception for the plugin <paramref name="pluginId"/> with the exception that caused it.</summary>
    /// <param name="pluginId">The id of the plugin.</param>
    /// <param name="message">What went wrong.</param>
    /// <param name="innerException">The cause, or null.</param>
    public PluginLoadException(string pluginId, string message, Exception? innerException)
        : base(pluginId, message, innerException)
    {
    }
}
