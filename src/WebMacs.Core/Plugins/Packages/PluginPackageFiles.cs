using System.Buffers;
using System.Security.Cryptography;

namespace WebMacs.Plugins;

/// <summary>
/// The file work shared by the backend's package store and a controller's downloaded packages: streaming a package to
/// disk while hashing it (bounded in size) and hashing a stored package again before it is loaded.
/// </summary>
internal static class PluginPackageFiles
{
    /// <summary>The header of a package download that carries the file's SHA-256 (lowercase hex).</summary>
    public const string Sha256Header = "X-Package-Sha256";

    private const int ChunkSize = 64 * 1024;

    /// <summary>
    /// Streams <paramref name="source"/> to a new file at <paramref name="path"/> in 64 KiB chunks while computing its
    /// SHA-256 (lowercase hex); stops one chunk past <paramref name="limit"/> and then answers the size read so far and
    /// an empty hash.
    /// </summary>
    public static async Task<(long Size, string Sha256)> StoreAsync(Stream source, string path, long limit, CancellationToken cancellationToken)
    {
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var buffer = ArrayPool<byte>.Shared.Rent(ChunkSize);
        try
        {
            var target = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, bufferSize: 1, useAsync: true);
            await using (target.ConfigureAwait(false))
            {
                long total = 0;
                int read;
                while ((read = await source.ReadAsync(buffer.AsMemory(0, ChunkSize), cancellationToken).ConfigureAwait(false)) > 0)
                {
                    total += read;
                    if (total > limit)
                    {
                        return (total, string.Empty);
                    }

                    sha.AppendData(buffer, 0, read);
                    await target.WriteAsync(buffer.AsMemory(0, read), cancellationToken).ConfigureAwait(false);
                }

                return (total, Convert.ToHexStringLower(sha.GetHashAndReset()));
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>Computes the SHA-256 (lowercase hex) of a stored file.</summary>
    public static async Task<string> HashAsync(string path, CancellationToken cancellationToken)
    {
        var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 64 * 1024, useAsync: true);
        await using (stream.ConfigureAwait(false))
        {
            return Convert.ToHexStringLower(await SHA256.HashDataAsync(stream, cancellationToken).ConfigureAwait(false));
        }
    }

    /// <summary>Tells whether two SHA-256 hex strings name the same hash (case-insensitive; empty never matches).</summary>
    public static bool SameHash(string? a, string? b) =>
        !string.IsNullOrEmpty(a) && string.Equals(a, b, StringComparison.OrdinalIgnoreCase);
}
