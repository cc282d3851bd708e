namespace WebMacs.Commands;

/// <summary>A connected controller socket that announced its plugin instances with a <c>hello</c> frame.</summary>
internal interface IControllerConnection
{
    /// <summary>Gets the name the controller announced (its uplink <c>source</c>), for logs.</summary>
    string Source { get; }

    /// <summary>Gets the public ids of the plugin instances the controller runs.</summary>
    IReadOnlyCollection<Guid> Instances { get; }

    /// <summary>Queues a command for the socket; false when its bounded queue is full or the socket is closing.</summary>
    bool TryEnqueue(ActuatorCommand command);
}
