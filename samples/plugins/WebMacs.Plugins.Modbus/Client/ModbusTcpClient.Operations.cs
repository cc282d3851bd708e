using System.Buffers.Binary;

namespace WebMacs.Plugins.Modbus;

public sealed partial class ModbusTcpClient
{
    /// <summary>The most coils or discrete inputs one read may ask for.</summary>
    public const int MaxReadBits = 2000;

    /// <summary>The most registers one read may ask for.</summary>
    public const int MaxReadRegisters = 125;

    /// <summary>The most coils one FC 15 write may carry.</summary>
    public const int MaxWriteBits = 1968;

    /// <summary>The most registers one FC 16 write may carry.</summary>
    public const int MaxWriteRegisters = 123;

    /// <summary>Reads coils with FC 01.</summary>
    /// <param name="startAddress">The zero-based address of the first coil.</param>
    /// <param name="count">How many coils to read, 1–2000.</param>
    /// <param name="cancellationToken">A token that cancels the request.</param>
    /// <returns>The coil states, in address order.</returns>
    public async ValueTask<bool[]> ReadCoilsAsync(ushort startAddress, int count, CancellationToken cancellationToken = default)
    {
        ValidateRange(startAddress, count, MaxReadBits);
        var values = new bool[count];
        await ReadBitsAsync(ModbusFunctionCode.ReadCoils, startAddress, values, cancellationToken).ConfigureAwait(false);
        return values;
    }

    /// <summary>Reads discrete inputs with FC 02.</summary>
    /// <param name="startAddress">The zero-based address of the first input.</param>
    /// <param name="count">How many inputs to read, 1–2000.</param>
    /// <param name="cancellationToken">A token that cancels the request.</param>
    /// <returns>The input states, in address order.</returns>
    public async ValueTask<bool[]> ReadDiscreteInputsAsync(ushort startAddress, int count, CancellationToken cancellationToken = default)
    {
        ValidateRange(startAddress, count, MaxReadBits);
        var values = new bool[count];
        await ReadBitsAsync(ModbusFunctionCode.ReadDiscreteInputs, startAddress, values, cancellationToken).ConfigureAwait(false);
        return values;
    }

    /// <summary>Reads holding registers with FC 03.</summary>
    /// <param name="startAddress">The zero-based address of the first register.</param>
    /// <param name="count">How many registers to read, 1–125.</param>
    /// <param name="cancellationToken">A token that cancels the request.</param>
    /// <returns>The register values, in address order.</returns>
    public async ValueTask<ushort[]> ReadHoldingRegistersAsync(ushort startAddress, int count, CancellationToken cancellationToken = default)
    {
        ValidateRange(startAddress, count, MaxReadRegisters);
        var values = new ushort[count];
        await ReadRegistersAsync(ModbusFunctionCode.ReadHoldingRegisters, startAddress, values, cancellationToken).ConfigureAwait(false);
        return values;
    }

    /// <summary>Reads input registers with FC 04.</summary>
    /// <param name="startAddress">The zero-based address of the first register.</param>
    /// <param name="count">How many registers to read, 1–125.</param>
    /// <param name="cancellationToken">A token that cancels the request.</param>
    /// <returns>The register values, in address order.</returns>
    public async ValueTask<ushort[]> ReadInputRegistersAsync(ushort startAddress, int count, CancellationToken cancellationToken = default)
    {
        ValidateRange(startAddress, count, MaxReadRegisters);
        var values = new ushort[count];
        await ReadRegistersAsync(ModbusFunctionCode.ReadInputRegisters, startAddress, values, cancellationToken).ConfigureAwait(false);
        return values;
    }

    /// <summary>Writes one coil with FC 05.</summary>
    /// <param name="address">The zero-based coil address.</param>
    /// <param name="value">The state to write.</param>
    /// <param name="cancellationToken">A token that cancels the request.</param>
    /// <returns>A task that completes when the server has confirmed the write.</returns>
    public ValueTask WriteSingleCoilAsync(ushort address, bool value, CancellationToken cancellationToken = default)
        => WriteSingleAsync(ModbusFunctionCode.WriteSingleCoil, address, value ? (ushort)0xFF00 : (ushort)0x0000, cancellationToken);

    /// <summary>Writes one holding register with FC 06.</summary>
    /// <param name="address">The zero-based register address.</param>
    /// <param name="value">The value to write.</param>
    /// <param name="cancellationToken">A token that cancels the request.</param>
    /// <returns>A task that completes when the server has confirmed the write.</returns>
    public ValueTask WriteSingleRegisterAsync(ushort address, ushort value, CancellationToken cancellationToken = default)
        => WriteSingleAsync(ModbusFunctionCode.WriteSingleRegister, address, value, cancellationToken);

    /// <summary>Writes consecutive coils with FC 15.</summary>
    /// <param name="startAddress">The zero-based address of the first coil.</param>
    /// <param name="values">The states to write, 1–1968 of them.</param>
    /// <param name="cancellationToken">A token that cancels the request.</param>
    /// <returns>A task that completes when the server has confirmed the write.</returns>
    public async ValueTask WriteMultipleCoilsAsync(ushort startAddress, ReadOnlyMemory<bool> values, CancellationToken cancellationToken = default)
    {
        ValidateRange(startAddress, values.Length, MaxWriteBits, nameof(values));
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var byteCount = (values.Length + 7) / 8;
            var pdu = _request.AsSpan(MbapHeaderLength);
            WriteHeader(pdu, ModbusFunctionCode.WriteMultipleCoils, startAddress, (ushort)values.Length);
            pdu[5] = (byte)byteCount;
            pdu.Slice(6, byteCount).Clear();
            var bits = values.Span;
            for (var i = 0; i < bits.Length; i++)
            {
                if (bits[i])
                {
                    pdu[6 + (i / 8)] |= (byte)(1 << (i % 8));
                }
            }

            var length = await ExchangeAsync(ModbusFunctionCode.WriteMultipleCoils, startAddress, 6 + byteCount, idempotent: false, cancellationToken).ConfigureAwait(false);
            ValidateEcho(length);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Writes consecutive holding registers with FC 16.</summary>
    /// <param name="startAddress">The zero-based address of the first register.</param>
    /// <param name="values">The values to write, 1–123 of them.</param>
    /// <param name="cancellationToken">A token that cancels the request.</param>
    /// <returns>A task that completes when the server has confirmed the write.</returns>
    public async ValueTask WriteMultipleRegistersAsync(ushort startAddress, ReadOnlyMemory<ushort> values, CancellationToken cancellationToken = default)
    {
        ValidateRange(startAddress, values.Length, MaxWriteRegisters, nameof(values));
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var pdu = _request.AsSpan(MbapHeaderLength);
            WriteHeader(pdu, ModbusFunctionCode.WriteMultipleRegisters, startAddress, (ushort)values.Length);
            pdu[5] = (byte)(values.Length * 2);
            var registers = values.Span;
            for (var i = 0; i < registers.Length; i++)
            {
                BinaryPrimitives.WriteUInt16BigEndian(pdu[(6 + (2 * i))..], registers[i]);
            }

            var length = await ExchangeAsync(ModbusFunctionCode.WriteMultipleRegisters, startAddress, 6 + (2 * registers.Length), idempotent: false, cancellationToken).ConfigureAwait(false);
            ValidateEcho(length);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Reads coils (FC 01) or discrete inputs (FC 02) into <paramref name="destination"/>.</summary>
    internal async ValueTask ReadBitsAsync(ModbusFunctionCode functionCode, ushort startAddress, Memory<bool> destination, CancellationToken cancellationToken)
    {
        ValidateRange(startAddress, destination.Length, MaxReadBits, nameof(destination));
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            WriteHeader(_request.AsSpan(MbapHeaderLength), functionCode, startAddress, (ushort)destination.Length);
            var length = await ExchangeAsync(functionCode, startAddress, 5, idempotent: true, cancellationToken).ConfigureAwait(false);
            var pdu = _response.AsSpan(MbapHeaderLength, length);
            var byteCount = (destination.Length + 7) / 8;
            if (length != 2 + byteCount || pdu[1] != byteCount)
            {
                throw MalformedResponse(functionCode, $"expected {byteCount} data bytes, got {pdu[1]} in a {length}-byte PDU");
            }

            var bits = destination.Span;
            for (var i = 0; i < bits.Length; i++)
            {
                bits[i] = (pdu[2 + (i / 8)] & (1 << (i % 8))) != 0;
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Reads holding (FC 03) or input (FC 04) registers into <paramref name="destination"/>.</summary>
    internal async ValueTask ReadRegistersAsync(ModbusFunctionCode functionCode, ushort startAddress, Memory<ushort> destination, CancellationToken cancellationToken)
    {
        ValidateRange(startAddress, destination.Length, MaxReadRegisters, nameof(destination));
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            WriteHeader(_request.AsSpan(MbapHeaderLength), functionCode, startAddress, (ushort)destination.Length);
            var length = await ExchangeAsync(functionCode, startAddress, 5, idempotent: true, cancellationToken).ConfigureAwait(false);
            var pdu = _response.AsSpan(MbapHeaderLength, length);
            var byteCount = destination.Length * 2;
            if (length != 2 + byteCount || pdu[1] != byteCount)
            {
                throw MalformedResponse(functionCode, $"expected {byteCount} data bytes, got {pdu[1]} in a {length}-byte PDU");
            }

            var registers = destination.Span;
            for (var i = 0; i < registers.Length; i++)
            {
                registers[i] = BinaryPrimitives.ReadUInt16BigEndian(pdu[(2 + (2 * i))..]);
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    private async ValueTask WriteSingleAsync(ModbusFunctionCode functionCode, ushort address, ushort value, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            WriteHeader(_request.AsSpan(MbapHeaderLength), functionCode, address, value);
            var length = await ExchangeAsync(functionCode, address, 5, idempotent: false, cancellationToken).ConfigureAwait(false);
            ValidateEcho(length);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Checks that a write response echoes the request's function, address and value or quantity.</summary>
    private void ValidateEcho(int length)
    {
        if (length != 5 || !_response.AsSpan(MbapHeaderLength, 5).SequenceEqual(_request.AsSpan(MbapHeaderLength, 5)))
        {
            throw MalformedResponse((ModbusFunctionCode)_request[MbapHeaderLength], "the write response does not echo the request");
        }
    }

    private static void WriteHeader(Span<byte> pdu, ModbusFunctionCode functionCode, ushort address, ushort valueOrCount)
    {
        pdu[0] = (byte)functionCode;
        BinaryPrimitives.WriteUInt16BigEndian(pdu[1..], address);
        BinaryPrimitives.WriteUInt16BigEndian(pdu[3..], valueOrCount);
    }

    private static void ValidateRange(ushort startAddress, int count, int max, string paramName = "count")
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1, paramName);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(count, max, paramName);
        if (startAddress + count - 1 > ushort.MaxValue)
        {
            throw new ArgumentOutOfRangeException(paramName, count, $"Addresses {startAddress}..{startAddress + count - 1} run past 65535.");
        }
    }
}
