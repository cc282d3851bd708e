using System.Buffers;
using System.Net;
using System.Security.Cryptography;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace WebMacs.Ota;

/// <summary>The end of a firmware download: an error text (<c>download_failed: …</c>), or the size and SHA-256 of the file.</summary>
internal sealed record DownloadResult(string? Error, long Size, string? Sha256)
{
    public bool Succeeded => Error is null;
}

/// <summary>
/// Streams a firmware file to disk (reference §6.8 "Apply"): redirects followed, a timeout per wait, the SHA-256
/// computed on the way. Failures are reported as the original's texts and leave no partial file behind.
/// </summary>
internal sealed partial class FirmwareDownloader(IHttpClientFactory clients, IOptions<OtaOptions> options, ILogger<FirmwareDownloader> logger)
{
    private const int ChunkSize = 64 * 1024;

    public async Task<DownloadResult> DownloadAsync(string url, string destination, CancellationToken cancellationToken)
    {
        var timeout = options.Value.DownloadTimeout;
        using var timer = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var created = false;
        try
        {
            var client = clients.CreateClient(OtaRegistration.DownloadClient);
            timer.CancelAfter(timeout);
            using var response = await client.GetAsync(new Uri(url, UriKind.Absolute), HttpCompletionOption.ResponseHeadersRead, timer.Token).ConfigureAwait(false);
            if (response.StatusCode != HttpStatusCode.OK)
            {
                LogFailed(logger, url, $"status {(int)response.StatusCode}");
                return new DownloadResult($"download_failed: status {(int)response.StatusCode}", 0, null);
            }

            Directory.CreateDirectory(Path.GetDirectoryName(destination)!);
            var source = await response.Content.ReadAsStreamAsync(timer.Token).ConfigureAwait(false);
            await using (source.ConfigureAwait(false))
            {
                var file = new FileStream(destination, FileMode.Create, FileAccess.Write, FileShare.None, bufferSize: 1, useAsync: true);
                created = true;
                await using (file.ConfigureAwait(false))
                {
                    var (size, hash) = await CopyAsync(source, file, timer, timeout, cancellationToken).ConfigureAwait(false);
                    return new DownloadResult(null, size, hash);
                }
            }
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            // Like the original, every failure of the transfer (bad URL, unsupported scheme, refused connection,
            // timeout, disk error) is reported to the caller as text.
            if (created)
            {
                TryDelete(destination);
            }

            var reason = ex is OperationCanceledException ? "timed out" : ex.Message;
            LogFailed(logger, url, reason);
            return new DownloadResult($"download_failed: {reason}", 0, null);
        }
        catch
        {
            if (created)
            {
                TryDelete(destination);
            }

            throw;
        }
    }

    private static async Task<(long Size, string Hash)> CopyAsync(Stream source, Stream target, CancellationTokenSource timer, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var buffer = ArrayPool<byte>.Shared.Rent(ChunkSize);
        try
        {
            long total = 0;
            while (true)
            {
                timer.CancelAfter(timeout);
                var read = await source.ReadAsync(buffer.AsMemory(0, ChunkSize), timer.Token).ConfigureAwait(false);
                if (read == 0)
                {
                    return (total, Convert.ToHexStringLower(hash.GetHashAndReset()));
                }

                hash.AppendData(buffer, 0, read);
                await target.WriteAsync(buffer.AsMemory(0, read), cancellationToken).ConfigureAwait(false);
                total += read;
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    internal static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Firmware download from {Url} failed: {Reason}")]
    private static partial void LogFailed(ILogger logger, string url, string reason);
}
