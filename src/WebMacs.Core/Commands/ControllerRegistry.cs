using System.Collections.Frozen;

namespace WebMacs.Commands;

/// <summary>
/// The controller sockets connected to this host that announced their plugin instances (<c>hello</c>), indexed by
/// instance; the telemetry socket registers on hello and unregisters when it closes.
/// </summary>
internal sealed class ControllerRegistry
{
    private readonly Lock gate = new();
    private readonly List<IControllerConnection> connections = [];
    private FrozenDictionary<Guid, IControllerConnection[]> byInstance = FrozenDictionary<Guid, IControllerConnection[]>.Empty;

    /// <summary>Gets a value indicating whether no controller is registered (the dispatcher's fast path).</summary>
    public bool IsEmpty => Volatile.Read(ref byInstance).Count == 0;

    /// <summary>Adds (or re-indexes, after a second hello) a connection.</summary>
    public void Register(IControllerConnection connection)
    {
        lock (gate)
        {
            if (!connections.Contains(connection))
            {
                connections.Add(connection);
            }

            Rebuild();
        }
    }

    public void Unregister(IControllerConnection connection)
    {
        lock (gate)
        {
            if (connections.Remove(connection))
            {
                Rebuild();
            }
        }
    }

    /// <summary>Gets the connections that announced <paramref name="instance"/>.</summary>
    public IReadOnlyList<IControllerConnection> For(Guid instance) =>
        Volatile.Read(ref byInstance).TryGetValue(instance, out var found) ? found : [];

    private void Rebuild() =>
        Volatile.Write(ref byInstance, connections
            .SelectMany(c => c.Instances.Distinct().Select(i => (Instance: i, Connection: c)))
            .GroupBy(p => p.Instance)
            .ToFrozenDictionary(g => g.Key, g => g.Select(p => p.Connection).ToArray()));
}
