using System.Net;
using System.Net.Sockets;

namespace WebMacs.ReferenceHost.Tests;

/// <summary>Finds a TCP port on 127.0.0.1 that nothing listens on at this moment.</summary>
internal static class FreePort
{
    public static int Next()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
