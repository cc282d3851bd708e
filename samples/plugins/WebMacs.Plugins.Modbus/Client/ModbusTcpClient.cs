// A hand-written Modbus TCP client. No Modbus library is served by the NuGet registry this project builds from
// (checked against the registry's package list: no package name contains "modbus"), so the protocol is implemented
// here directly from the Modbus Application Protocol v1.1b3 and Modbus Messaging on TCP/IP v1.0b specifications:
// MBAP framing with transaction ids, function codes 1, 2, 3, 4, 5, 6, 15 and 16, exception responses, a per-request
// timeout and reconnection on the next request after a broken connection.
using System.Net.Sockets;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace WebMacs.Plugins.Modbus;

/// <summary>
/// Talks Modbus TCP to one unit of one server: reads and writes coils, discrete inputs, holding and input registers.
/// </summary>
/// <remarks>
/// Requests are serialised (one outstanding request per client, as most devices require). Every request, including
/// the connect that precedes it when the client is not connected, must complete within <see cref="Timeout"/>.
/// A timeout or a transport failure closes the connection; the next request opens a new one. A read that fails on a
/// connection that had already served requests (the server restarted, an idle connection was dropped) is retried
/// once on a fresh connection. The client keeps two 260-byte frame buffers for its lifetime and allocates nothing
/// per request besides the returned arrays.
/// </remarks>
public sealed partial class ModbusTcpClient : IAsyncDisposable
{
    /// <summary>The registered Modbus TCP port.</summary>
    public const int DefaultPort = 502;

    private static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(3);

    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly byte[] _request = new byte[MaxAduLength];
    private readonly byte[] _response = new byte[MaxAduLength];
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;
    private NetworkStream? _stream;
    private ushort _transactionId;
    private bool _disposed;

    /// <summary>Initializes a new instance of the <see cref="ModbusTcpClient"/> class. It connects on first use.</summary>
    /// <param name="host">The server's host name or IP address.</param>
    /// <param name="port">The server's TCP port.</param>
    /// <param name="unitId">The unit (slave) id put into every request, 0–255.</param>
    /// <param name="timeout">The time one request (including a connect) may take; 3 seconds when null.</param>
    /// <param name="timeProvider">The clock for timeouts; <see cref="TimeProvider.System"/> when null.</param>
    /// <param name="logger">The logger; none when null.</param>
    public ModbusTcpClient(
        string host,
        int port = DefaultPort,
        byte unitId = 1,
        TimeSpan? timeout = null,
        TimeProvider? timeProvider = null,
        ILogger<ModbusTcpClient>? logger = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(host);
        ArgumentOutOfRangeException.ThrowIfLessThan(port, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(port, 65535);
        var effectiveTimeout = timeout ?? DefaultTimeout;
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(effectiveTimeout, TimeSpan.Zero, nameof(timeout));
        Host = host;
        Port = port;
        UnitId = unitId;
        Timeout = effectiveTimeout;
        _timeProvider = timeProvider ?? TimeProvider.System;
        _logger = (ILogger?)logger ?? NullLogger.Instance;
    }

    /// <summary>Gets the server's host name or IP address.</summary>
    public string Host { get; }

    /// <summary>Gets the server's TCP port.</summary>
    public int Port { get; }

    /// <summary>Gets the unit (slave) id put into every request.</summary>
    public byte UnitId { get; }

    /// <summary>Gets the time one request, including a connect, may take.</summary>
    public TimeSpan Timeout { get; }

    /// <summary>Gets a value indicating whether the client holds an open connection.</summary>
    public bool IsConnected => _stream is not null;

    /// <summary>Gets how many connections the client has opened so far.</summary>
    public int ConnectionCount { get; private set; }

    /// <summary>Gets how many requests the client has sent (for tests of request batching).</summary>
    internal long RequestCount { get; private set; }

    /// <summary>Opens the connection now if it is not open, instead of on the first request.</summary>
    /// <param name="cancellationToken">A token that cancels the connect.</param>
    /// <returns>A task that completes when the client is connected.</returns>
    /// <exception cref="IOException">The server cannot be reached.</exception>
    /// <exception cref="TimeoutException">The connect took longer than <see cref="Timeout"/>.</exception>
    public async ValueTask ConnectAsync(CancellationToken cancellationToken = default)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (_stream is not null)
            {
                return;
            }

            using var timeout = new CancellationTokenSource(Timeout, _timeProvider);
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
            try
            {
                await OpenAsync(linked.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
            {
                throw new TimeoutException($"Connecting to Modbus server {Host}:{Port} timed out after {Timeout.TotalMilliseconds:0} ms.");
            }
            catch (SocketException ex)
            {
                throw new IOException($"Cannot connect to Modbus server {Host}:{Port}: {ex.Message}", ex);
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Closes the connection. The next request reconnects.</summary>
    /// <returns>A task that completes when the connection is closed.</returns>
    public async ValueTask DisconnectAsync()
    {
        await _gate.WaitAsync().ConfigureAwait(false);
        try
        {
            CloseConnection();
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Closes the connection and releases the client.</summary>
    /// <returns>A task that completes when the client is disposed.</returns>
    public async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }

        await _gate.WaitAsync().ConfigureAwait(false);
        try
        {
            _disposed = true;
            CloseConnection();
        }
        finally
        {
            _gate.Release();
        }
    }

    private async ValueTask<NetworkStream> OpenAsync(CancellationToken cancellationToken)
    {
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(Host, Port, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            socket.Dispose();
            throw;
        }

        _stream = new NetworkStream(socket, ownsSocket: true);
        ConnectionCount++;
        Log.Connected(_logger, Host, Port, UnitId);
        return _stream;
    }

    private void CloseConnection()
    {
        if (_stream is null)
        {
            return;
        }

        _stream.Dispose();
        _stream = null;
        Log.Disconnected(_logger, Host, Port);
    }

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Debug, "Connected to Modbus server {Host}:{Port} (unit {UnitId})")]
        public static partial void Connected(ILogger logger, string host, int port, byte unitId);

        [LoggerMessage(2, LogLevel.Debug, "Closed the connection to Modbus server {Host}:{Port}")]
        public static partial void Disconnected(ILogger logger, string host, int port);

        [LoggerMessage(3, LogLevel.Warning, "Modbus request {FunctionCode} to {Host}:{Port} failed on a reused connection; retrying once on a new connection: {Reason}")]
        public static partial void RetryingOnNewConnection(ILogger logger, ModbusFunctionCode functionCode, string host, int port, string reason);

        [LoggerMessage(4, LogLevel.Debug, "Discarded a Modbus response with transaction id {Received} while waiting for {Expected}")]
        public static partial void DiscardedResponse(ILogger logger, ushort received, ushort expected);
    }
}
