namespace WebMacs.Plugins;

/// <summary>
/// Reports an operation that the plugin's current state or the channel does not allow: connecting twice, writing
/// while disconnected, writing an input channel.
/// </summary>
public class PluginStateException : PluginException
{
    /// <summary>Creates the exception for an operation that needs one of <paramref name="expectedStates"/>.</summary>
    /// <param name="pluginId">The id of the plugin.</param>
    /// <param name="currentState">The state the plugin is in.</param>
    /// <param name="expectedStates">The states that allow the operation, e.g. <c>configured|disconnected|error</c>.</param>
    public PluginStateException(string pluginId, PluginState currentState, string expectedStates)
        : base(pluginId, $"Expected state '{expectedStates}', got '{PluginStates.ToWire(currentState)}'")
    {
        CurrentState = currentState;
        ExpectedStates = expectedStates;
    }

    /// <summary>Creates the exception with a free-form <paramref name="message"/> (e.g. a write to a read-only channel).</summary>
    /// <param name="pluginId">The id of the plugin.</param>
    /// <param name="message">What is not allowed.</param>
    public PluginStateException(string pluginId, string message)
        : base(pluginId, message)
    {
    }

    /// <summary>Gets the state the plugin was in, when the state was the problem.</summary>
    public PluginState? CurrentState { get; }

    /// <summary>Gets the states that allow the operation, when the state was the problem.</summary>
    public string? ExpectedStates { get; }
}
