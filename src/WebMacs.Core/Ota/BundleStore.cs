using System.Buffers;
using System.Globalization;
using System.Text;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace WebMacs.Ota;

/// <summary>How an upload into the update folder ended.</summary>
internal enum BundleSaveStatus
{
    Saved,
    InvalidName,
    Exists,
    TooLarge,
}

/// <summary>The end of a bundle upload: the status, the file name used and the bytes stored.</summary>
internal sealed record BundleSaveResult(BundleSaveStatus Status, string FileName, long Size);

/// <summary>
/// Stores uploaded update bundles in the update folder, where the self-updater picks them up (reference §4.3 route
/// 58). The upload is streamed to disk in chunks and never held in memory; an oversized or aborted upload leaves no
/// file behind. Unlike the original, the client's file name is reduced to a plain name, so it cannot leave the folder.
/// </summary>
internal sealed partial class BundleStore(OtaPaths paths, IOptions<OtaOptions> options, ILogger<BundleStore> logger)
{
    public const string Suffix = ".tar.gz";
    private const int ChunkSize = 64 * 1024;
    private const int MaxFileNameBytes = 255;

    public long MaxBytes => options.Value.MaxBundleBytes;

    /// <summary>Gets the 413 text, e.g. <c>Bundle exceeds maximum allowed size (500 MB).</c></summary>
    public string TooLargeMessage => $"Bundle exceeds maximum allowed size ({FormatLimit(MaxBytes)}).";

    /// <summary>Reduces a client-supplied name to its last path segment (either separator); null when nothing usable is left.</summary>
    public static string? ToPlainFileName(string? clientName)
    {
        if (string.IsNullOrEmpty(clientName))
        {
            return null;
        }

        var name = clientName[(clientName.LastIndexOfAny(['/', '\\']) + 1)..];
        var invalid = name.Length == 0 || name is "." or ".." || name.Any(char.IsControl) || name.Any(char.IsSurrogate)
            || Encoding.UTF8.GetByteCount(name) > MaxFileNameBytes;
        return invalid ? null : name;
    }

    public async Task<BundleSaveResult> SaveAsync(string clientName, Stream content, CancellationToken cancellationToken)
    {
        if (ToPlainFileName(clientName) is not { } name)
        {
            return new BundleSaveResult(BundleSaveStatus.InvalidName, clientName, 0);
        }

        var directory = paths.UpdateDirectory;
        Directory.CreateDirectory(directory);
        var destination = Path.Combine(directory, name);
        if (!string.Equals(Path.GetDirectoryName(Path.GetFullPath(destination)), directory, StringComparison.Ordinal))
        {
            return new BundleSaveResult(BundleSaveStatus.InvalidName, name, 0);
        }

        FileStream file;
        try
        {
            file = new FileStream(destination, FileMode.CreateNew, FileAccess.Write, FileShare.None, bufferSize: 1, useAsync: true);
        }
        catch (IOException) when (File.Exists(destination) || Directory.Exists(destination))
        {
            return new BundleSaveResult(BundleSaveStatus.Exists, name, 0);
        }

        var complete = false;
        try
        {
            long total;
            await using (file.ConfigureAwait(false))
            {
                total = await CopyAsync(content, file, MaxBytes, cancellationToken).ConfigureAwait(false);
            }

            if (total > MaxBytes)
            {
                return new BundleSaveResult(BundleSaveStatus.TooLarge, name, total);
            }

            complete = true;
            LogStored(logger, name, total);
            return new BundleSaveResult(BundleSaveStatus.Saved, name, total);
        }
        finally
        {
            if (!complete)
            {
                FirmwareDownloader.TryDelete(destination);
            }
        }
    }

    /// <summary>Formats a byte limit as the original's message does (<c>500 MB</c>), or as bytes when not whole mebibytes.</summary>
    internal static string FormatLimit(long bytes) => bytes % (1024 * 1024) == 0
        ? string.Create(CultureInfo.InvariantCulture, $"{bytes / (1024 * 1024)} MB")
        : string.Create(CultureInfo.InvariantCulture, $"{bytes:N0} bytes");

    /// <summary>Copies until the end or until more than <paramref name="limit"/> bytes arrived; returns the count (limit + 1 at most past the limit).</summary>
    private static async Task<long> CopyAsync(Stream source, Stream target, long limit, CancellationToken cancellationToken)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(ChunkSize);
        try
        {
            long total = 0;
            while (true)
            {
                var read = await source.ReadAsync(buffer.AsMemory(0, ChunkSize), cancellationToken).ConfigureAwait(false);
                if (read == 0)
                {
                    return total;
                }

                total += read;
                if (total > limit)
                {
                    return total;
                }

                await target.WriteAsync(buffer.AsMemory(0, read), cancellationToken).ConfigureAwait(false);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Update bundle {FileName} uploaded ({Size} bytes).")]
    private static partial void LogStored(ILogger logger, string fileName, long size);
}
