using System.Buffers;
using System.Globalization;
using Microsoft.Win32.SafeHandles;

namespace WebMacs.RevPi;

/// <summary>
/// Reads and writes the piControl process image through positioned file I/O, so the same code works on the real
/// character device <c>/dev/piControl0</c> and on a plain 4096-byte file in tests. Batch reads fetch the span that
/// covers all requested I/Os once into a pooled buffer and decode every value from it; bit writes read, modify and
/// write back only the affected byte, leaving the neighbouring bits as they are.
/// </summary>
public sealed class ProcessImage : IDisposable
{
    private readonly SafeFileHandle _handle;
    private readonly Lock _writeLock = new();

    private ProcessImage(string path, SafeFileHandle handle)
    {
        Path = path;
        _handle = handle;
    }

    /// <summary>Gets the path of the process image.</summary>
    public string Path { get; }

    /// <summary>Opens a process image for reading and writing.</summary>
    /// <param name="path">The device or file, for example <c>/dev/piControl0</c>.</param>
    /// <returns>The opened image; dispose it to close the file.</returns>
    /// <exception cref="IOException">The file does not exist or cannot be opened.</exception>
    /// <exception cref="UnauthorizedAccessException">The process may not open the file for reading and writing.</exception>
    public static ProcessImage Open(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var handle = File.OpenHandle(path, FileMode.Open, FileAccess.ReadWrite, FileShare.ReadWrite);
        return new ProcessImage(path, handle);
    }

    /// <summary>Reads bytes of the image at an absolute offset.</summary>
    /// <param name="offset">The first byte.</param>
    /// <param name="destination">Receives the bytes; it is filled completely.</param>
    /// <exception cref="IOException">The image ends before <paramref name="destination"/> is filled.</exception>
    public void ReadBytes(int offset, Span<byte> destination)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(offset);
        var total = 0;
        while (total < destination.Length)
        {
            var read = RandomAccess.Read(_handle, destination[total..], offset + total);
            if (read == 0)
            {
                throw new IOException(string.Create(
                    CultureInfo.InvariantCulture,
                    $"The process image '{Path}' ended at byte {offset + total}; {destination.Length} bytes from byte {offset} were needed."));
            }

            total += read;
        }
    }

    /// <summary>Writes bytes to the image at an absolute offset.</summary>
    /// <param name="offset">The first byte.</param>
    /// <param name="source">The bytes to write.</param>
    public void WriteBytes(int offset, ReadOnlySpan<byte> source)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(offset);
        RandomAccess.Write(_handle, source, offset);
    }

    /// <summary>Reads the current value of one I/O.</summary>
    /// <param name="io">The I/O.</param>
    /// <returns>0 or 1 for a bit, otherwise the integer value.</returns>
    public double Read(PiCtoryIo io)
    {
        ArgumentNullException.ThrowIfNull(io);
        Span<byte> bytes = stackalloc byte[4];
        bytes = bytes[..Math.Min(io.ByteLength, 4)];
        ReadBytes(io.Offset, bytes);
        return IoCodec.Decode(io, bytes);
    }

    /// <summary>
    /// Reads many I/Os with one read of the image span that covers them all, into a pooled buffer, and decodes each.
    /// </summary>
    /// <param name="ios">The I/Os (numeric ones: bits, bytes, words, double words).</param>
    /// <param name="values">Receives the value of <c>ios[i]</c> at index <c>i</c>; at least as long as <paramref name="ios"/>.</param>
    public void Read(IReadOnlyList<PiCtoryIo> ios, Span<double> values)
    {
        ArgumentNullException.ThrowIfNull(ios);
        if (values.Length < ios.Count)
        {
            throw new ArgumentException("The value span is shorter than the I/O list.", nameof(values));
        }

        if (ios.Count == 0)
        {
            return;
        }

        var (start, end) = (int.MaxValue, 0);
        for (var i = 0; i < ios.Count; i++)
        {
            start = Math.Min(start, ios[i].Offset);
            end = Math.Max(end, ios[i].Offset + ios[i].ByteLength);
        }

        var length = end - start;
        var buffer = ArrayPool<byte>.Shared.Rent(length);
        try
        {
            var span = buffer.AsSpan(0, length);
            ReadBytes(start, span);
            for (var i = 0; i < ios.Count; i++)
            {
                var io = ios[i];
                values[i] = IoCodec.Decode(io, span.Slice(io.Offset - start, io.ByteLength));
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>
    /// Writes the value of one I/O. A bit is read, changed and written back as one byte, so the other bits of that
    /// byte keep their values; wider values are written whole (little-endian).
    /// </summary>
    /// <param name="io">The I/O.</param>
    /// <param name="value">For a bit, any non-zero value sets it; otherwise rounded to an integer that must fit the I/O.</param>
    /// <exception cref="ArgumentOutOfRangeException">The value does not fit the I/O.</exception>
    public void Write(PiCtoryIo io, double value)
    {
        ArgumentNullException.ThrowIfNull(io);
        Span<byte> bytes = stackalloc byte[4];
        bytes = bytes[..Math.Min(io.ByteLength, 4)];
        if (io.Type != PiCtoryIoType.Bit)
        {
            IoCodec.Encode(io, value, bytes);
            WriteBytes(io.Offset, bytes);
            return;
        }

        // Serialise read-modify-write, so two bit writes of this process to one byte cannot lose each other.
        lock (_writeLock)
        {
            ReadBytes(io.Offset, bytes);
            IoCodec.Encode(io, value, bytes);
            WriteBytes(io.Offset, bytes);
        }
    }

    /// <summary>Closes the image.</summary>
    public void Dispose() => _handle.Dispose();
}
