using System.Buffers.Binary;
using System.Net.Sockets;

namespace WebMacs.Plugins.Modbus;

public sealed partial class ModbusTcpClient
{
    // MBAP header: transaction id (2), protocol id (2, always 0), length (2, unit id + PDU), unit id (1).
    private const int MbapHeaderLength = 7;
    private const int MaxPduLength = 253;
    private const int MaxAduLength = MbapHeaderLength + MaxPduLength;

    /// <summary>
    /// Sends the request PDU already in <see cref="_request"/> (after the MBAP header) and receives the matching
    /// response into <see cref="_response"/>. The caller holds <see cref="_gate"/>.
    /// </summary>
    /// <returns>The length of the response PDU, which starts at <see cref="MbapHeaderLength"/> in <see cref="_response"/>.</returns>
    private async ValueTask<int> ExchangeAsync(
        ModbusFunctionCode functionCode, ushort address, int pduLength, bool idempotent, CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        using var timeout = new CancellationTokenSource(Timeout, _timeProvider);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        for (var attempt = 1; ; attempt++)
        {
            var reused = _stream is not null;
            try
            {
                var stream = _stream ?? await OpenAsync(linked.Token).ConfigureAwait(false);
                var transactionId = unchecked(++_transactionId);
                BinaryPrimitives.WriteUInt16BigEndian(_request, transactionId);
                BinaryPrimitives.WriteUInt16BigEndian(_request.AsSpan(2), 0);
                BinaryPrimitives.WriteUInt16BigEndian(_request.AsSpan(4), (ushort)(pduLength + 1));
                _request[6] = UnitId;
                RequestCount++;
                await stream.WriteAsync(_request.AsMemory(0, MbapHeaderLength + pduLength), linked.Token).ConfigureAwait(false);
                return await ReceiveAsync(stream, transactionId, functionCode, address, linked.Token).ConfigureAwait(false);
            }
            catch (ModbusException)
            {
                // An exception response: the server is alive and the connection stays usable.
                throw;
            }
            catch (OperationCanceledException) when (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
            {
                CloseConnection();
                throw new TimeoutException(
                    $"Modbus request {(byte)functionCode} ({functionCode}) at address {address} to {Host}:{Port} unit {UnitId} " +
                    $"timed out after {Timeout.TotalMilliseconds:0} ms.");
            }
            catch (OperationCanceledException)
            {
                // Cancelled mid-exchange: a late response would desynchronise the stream.
                CloseConnection();
                throw;
            }
            catch (InvalidDataException)
            {
                CloseConnection();
                throw;
            }
            catch (Exception ex) when (ex is IOException or SocketException or ObjectDisposedException)
            {
                CloseConnection();
                if (reused && idempotent && attempt == 1)
                {
                    Log.RetryingOnNewConnection(_logger, functionCode, Host, Port, ex.Message);
                    continue;
                }

                throw new IOException(
                    $"Modbus request {(byte)functionCode} ({functionCode}) to {Host}:{Port} failed: {ex.Message}", ex);
            }
        }
    }

    private async ValueTask<int> ReceiveAsync(
        NetworkStream stream, ushort transactionId, ModbusFunctionCode functionCode, ushort address, CancellationToken cancellationToken)
    {
        while (true)
        {
            await stream.ReadExactlyAsync(_response.AsMemory(0, MbapHeaderLength), cancellationToken).ConfigureAwait(false);
            var receivedId = BinaryPrimitives.ReadUInt16BigEndian(_response);
            var protocolId = BinaryPrimitives.ReadUInt16BigEndian(_response.AsSpan(2));
            var length = BinaryPrimitives.ReadUInt16BigEndian(_response.AsSpan(4));
            if (protocolId != 0 || length < 3 || length > MaxPduLength + 1)
            {
                throw MalformedResponse(functionCode, $"bad MBAP header (protocol id {protocolId}, length {length})");
            }

            var pduLength = length - 1;
            await stream.ReadExactlyAsync(_response.AsMemory(MbapHeaderLength, pduLength), cancellationToken).ConfigureAwait(false);
            if (receivedId != transactionId)
            {
                // A late answer to an earlier request; the one we wait for follows it.
                Log.DiscardedResponse(_logger, receivedId, transactionId);
                continue;
            }

            if (_response[6] != UnitId)
            {
                throw MalformedResponse(functionCode, $"the response came from unit {_response[6]}, not unit {UnitId}");
            }

            var receivedFunction = _response[MbapHeaderLength];
            if (receivedFunction == ((byte)functionCode | 0x80))
            {
                throw new ModbusException(functionCode, (ModbusExceptionCode)_response[MbapHeaderLength + 1], UnitId, address);
            }

            if (receivedFunction != (byte)functionCode)
            {
                throw MalformedResponse(functionCode, $"the response carries function {receivedFunction}");
            }

            return pduLength;
        }
    }

    private InvalidDataException MalformedResponse(ModbusFunctionCode functionCode, string reason)
        => new($"Malformed Modbus response to function {(byte)functionCode} ({functionCode}) from {Host}:{Port}: {reason}.");
}
