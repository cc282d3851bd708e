using System.Net;
using System.Net.Sockets;

namespace WebMacs.AspNetCore.Tests.Uplink;

/// <summary>
/// A real TCP relay between a controller and a backend, so a test can keep the controller's URL while the backend
/// restarts on another port, refuse connections while the backend is down, and cut every open connection mid-stream.
/// </summary>
internal sealed class TcpProxy : IAsyncDisposable
{
    private readonly TcpListener listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource stop = new();
    private readonly List<(TcpClient Client, TcpClient Server)> pairs = [];
    private readonly Lock gate = new();
    private readonly Task acceptLoop;

    public TcpProxy()
    {
        listener.Start();
        acceptLoop = AcceptAsync();
    }

    public Uri Address => new($"http://127.0.0.1:{((IPEndPoint)listener.LocalEndpoint).Port}");

    /// <summary>Gets or sets where connections go; null refuses them (the backend is down).</summary>
    public Uri? Target { get; set; }

    /// <summary>Gets how many connections were accepted so far.</summary>
    public int Accepted { get; private set; }

    /// <summary>Resets every open connection (the network went away mid-stream).</summary>
    public void Cut()
    {
        lock (gate)
        {
            foreach (var (client, server) in pairs)
            {
                client.Client.LingerState = new LingerOption(true, 0);
                client.Dispose();
                server.Dispose();
            }

            pairs.Clear();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await stop.CancelAsync();
        listener.Stop();
        Cut();
        await acceptLoop.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        stop.Dispose();
    }

    private async Task AcceptAsync()
    {
        while (!stop.IsCancellationRequested)
        {
            var client = await listener.AcceptTcpClientAsync(stop.Token);
            Accepted++;
            if (Target is not { } target)
            {
                client.Dispose();
                continue;
            }

            var server = new TcpClient();
            try
            {
                await server.ConnectAsync(target.Host, target.Port, stop.Token);
            }
            catch (SocketException)
            {
                client.Dispose();
                server.Dispose();
                continue;
            }

            lock (gate)
            {
                pairs.Add((client, server));
            }

            _ = PumpAsync(client, server);
        }
    }

    private async Task PumpAsync(TcpClient client, TcpClient server)
    {
        using var done = CancellationTokenSource.CreateLinkedTokenSource(stop.Token);
        try
        {
            var up = client.GetStream().CopyToAsync(server.GetStream(), done.Token);
            var down = server.GetStream().CopyToAsync(client.GetStream(), done.Token);
            await Task.WhenAny(up, down);
        }
        catch (Exception ex) when (ex is IOException or ObjectDisposedException or OperationCanceledException or InvalidOperationException)
        {
            // The connection was cut or closed: both sides are disposed below.
        }
        finally
        {
            await done.CancelAsync();
            lock (gate)
            {
                pairs.Remove((client, server));
            }

            client.Dispose();
            server.Dispose();
        }
    }
}
