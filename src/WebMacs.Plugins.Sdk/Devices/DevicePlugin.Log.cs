using Microsoft.Extensions.Logging;

namespace WebMacs.Plugins;

// The plugin's log messages (event names follow the original: plugin_read_error, demo_write, …).
public abstract partial class DevicePlugin
{
    [LoggerMessage(EventId = 5100, Level = LogLevel.Information, Message = "Plugin {PluginId} instance {InstanceName} connected (demo mode: {DemoMode}).")]
    private static partial void LogConnected(ILogger logger, string pluginId, string instanceName, bool demoMode);

    [LoggerMessage(EventId = 5101, Level = LogLevel.Error, Message = "Plugin {PluginId} instance {InstanceName} failed to connect.")]
    private static partial void LogConnectFailed(ILogger logger, Exception exception, string pluginId, string instanceName);

    [LoggerMessage(EventId = 5102, Level = LogLevel.Information, Message = "Plugin {PluginId} instance {InstanceName} disconnected.")]
    private static partial void LogDisconnected(ILogger logger, string pluginId, string instanceName);

    [LoggerMessage(EventId = 5103, Level = LogLevel.Warning, Message = "Plugin {PluginId} instance {InstanceName} failed to disconnect cleanly.")]
    private static partial void LogDisconnectFailed(ILogger logger, Exception exception, string pluginId, string instanceName);

    [LoggerMessage(EventId = 5104, Level = LogLevel.Warning, Message = "Plugin {PluginId} instance {InstanceName} could not write the safe value of channel {ChannelId}.")]
    private static partial void LogSafeValueFailed(ILogger logger, Exception exception, string pluginId, string instanceName, string channelId);

    [LoggerMessage(EventId = 5105, Level = LogLevel.Warning, Message = "plugin_read_error: plugin {PluginId} instance {InstanceName} channel {ChannelId}.")]
    private static partial void LogReadFailed(ILogger logger, Exception exception, string pluginId, string instanceName, string channelId);

    [LoggerMessage(EventId = 5106, Level = LogLevel.Warning, Message = "Plugin {PluginId} instance {InstanceName} failed to write channel {ChannelId}.")]
    private static partial void LogWriteFailed(ILogger logger, Exception exception, string pluginId, string instanceName, string channelId);

    [LoggerMessage(EventId = 5107, Level = LogLevel.Debug, Message = "demo_write: plugin {PluginId} instance {InstanceName} channel {ChannelId} = {Value}.")]
    private static partial void LogDemoWrite(ILogger logger, string pluginId, string instanceName, string channelId, double value);
}
