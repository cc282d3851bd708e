namespace WebMacs.Plugins;

/// <summary>Reports that the device did not answer in time (connecting, reading or writing).</summary>
public class PluginTimeoutException : PluginException
{
    /// <summary>Creates the exception for the plugin <paramref name="pluginId"/>.</summary>
    /// <param name="pluginId">The id of the plugin.</param>
    /// <param name="message">What went wrong.</param>
    public PluginTimeoutException(string pluginId, string message)
        : base(pluginId, message)
    {
    }

    /// <summary>Creates the exception for the plugin <paramref name="pluginId"/> with the exception that caused it.</summary>
    /// <param name="pluginId">The id of the plugin.</param>
    /// <param name="message">What went wrong.</param>
    /// <param name="innerException">The cause, or null.</param>
    public PluginTimeoutException(string pluginId, string message, Exception? innerException)
        : base(pluginId, message, innerException)
    {
    }
}
