using System.Buffers;
using System.Net.WebSockets;
using System.Text.Unicode;

namespace WebMacs.AspNetCore.WebSockets;

/// <summary>What one receive produced.</summary>
internal enum ReceiveStatus
{
    /// <summary>A complete text message of valid UTF-8 is in <see cref="MessageReader.Message"/>.</summary>
    Text,

    /// <summary>The client sent a close frame.</summary>
    Closed,

    /// <summary>The client sent a binary frame.</summary>
    Binary,

    /// <summary>The message is larger than the configured limit.</summary>
    TooBig,

    /// <summary>The text message is not valid UTF-8.</summary>
    InvalidUtf8,
}

/// <summary>Receives whole messages into one pooled buffer, refusing binary frames, oversized messages and invalid UTF-8.</summary>
internal sealed class MessageReader(WebSocket socket, int limit) : IDisposable
{
    private byte[] buffer = ArrayPool<byte>.Shared.Rent(Math.Min(limit + 1, 16 * 1024));
    private int length;

    /// <summary>Gets the last complete text message.</summary>
    public ReadOnlyMemory<byte> Message => buffer.AsMemory(0, length);

    public async Task<ReceiveStatus> ReceiveAsync(CancellationToken cancellationToken)
    {
        length = 0;
        while (true)
        {
            if (length == buffer.Length)
            {
                Grow();
            }

            var result = await socket.ReceiveAsync(buffer.AsMemory(length), cancellationToken).ConfigureAwait(false);
            switch (result.MessageType)
            {
                case WebSocketMessageType.Close:
                    return ReceiveStatus.Closed;
                case WebSocketMessageType.Binary:
                    return ReceiveStatus.Binary;
            }

            length += result.Count;
            if (length > limit)
            {
                return ReceiveStatus.TooBig;
            }

            if (result.EndOfMessage)
            {
                return Utf8.IsValid(buffer.AsSpan(0, length)) ? ReceiveStatus.Text : ReceiveStatus.InvalidUtf8;
            }
        }
    }

    public void Dispose()
    {
        ArrayPool<byte>.Shared.Return(buffer);
        buffer = [];
    }

    private void Grow()
    {
        var larger = ArrayPool<byte>.Shared.Rent((int)Math.Min((long)limit + 1, buffer.Length * 2L));
        buffer.AsSpan(0, length).CopyTo(larger);
        ArrayPool<byte>.Shared.Return(buffer);
        buffer = larger;
    }
}
