using System.Net;
using System.Net.Sockets;

namespace WebMacs.Plugins.Modbus.Tests.Server;

/// <summary>
/// A TCP server that reads Modbus TCP frames and answers each with whatever bytes the test scripts: for responses
/// that a well-behaved server never sends (stale transaction ids, broken headers).
/// </summary>
public sealed class ScriptedTcpServer : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly Func<byte[], IEnumerable<byte[]>> _respond;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;

    public ScriptedTcpServer(Func<byte[], IEnumerable<byte[]>> respond)
    {
        _respond = respond;
        _listener.Start();
        _loop = ServeAsync();
    }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    /// <summary>Builds a Modbus TCP frame: MBAP header with the given ids, then the PDU.</summary>
    public static byte[] Frame(ushort transactionId, byte unitId, params byte[] pdu)
    {
        var frame = new byte[7 + pdu.Length];
        frame[0] = (byte)(transactionId >> 8);
        frame[1] = (byte)transactionId;
        frame[4] = (byte)((pdu.Length + 1) >> 8);
        frame[5] = (byte)(pdu.Length + 1);
        frame[6] = unitId;
        pdu.CopyTo(frame, 7);
        return frame;
    }

    public static ushort TransactionId(byte[] request) => (ushort)((request[0] << 8) | request[1]);

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        try
        {
            await _loop;
        }
        catch (Exception ex) when (ex is OperationCanceledException or SocketException or IOException)
        {
        }

        _stop.Dispose();
    }

    private async Task ServeAsync()
    {
        using var socket = await _listener.AcceptSocketAsync(_stop.Token);
        await using var stream = new NetworkStream(socket);
        var header = new byte[7];
        while (!_stop.IsCancellationRequested)
        {
            await stream.ReadExactlyAsync(header, _stop.Token);
            var length = (header[4] << 8) | header[5];
            var request = new byte[6 + length];
            header.CopyTo(request, 0);
            await stream.ReadExactlyAsync(request.AsMemory(7), _stop.Token);
            foreach (var response in _respond(request))
            {
                await stream.WriteAsync(response, _stop.Token);
            }
        }
    }
}
