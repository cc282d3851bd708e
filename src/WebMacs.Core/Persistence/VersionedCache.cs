using Microsoft.Extensions.Logging;

namespace WebMacs.Persistence;

/// <summary>
/// One value loaded from the database and kept in memory for the hot path: it is reloaded when EF Core wrote to its
/// table group in this process (<see cref="DataVersions"/>), when it is older than <c>maxAge</c> (changes made by
/// other processes), or after <see cref="Invalidate"/>. One load runs at a time; readers of a fresh value never wait.
/// Past half of <c>maxAge</c> a read starts a reload in the background and still gets the current value at once, so
/// under steady traffic no reader ever waits for the age limit, while no value served is older than <c>maxAge</c>.
/// </summary>
internal sealed partial class VersionedCache<T>(
    DataVersions versions, CachedData data, TimeProvider time, Func<TimeSpan> maxAge, Func<CancellationToken, Task<T>> load, ILogger logger) : IDisposable
    where T : class
{
    private readonly SemaphoreSlim reload = new(1, 1);
    private readonly CancellationTokenSource disposing = new();
    private Entry? current;
    private int refreshing;

    public ValueTask<T> GetAsync(CancellationToken cancellationToken)
    {
        if (Volatile.Read(ref current) is { } entry && entry.Version == versions.Of(data))
        {
            var limit = maxAge();
            var age = time.GetElapsedTime(entry.LoadedAt);
            if (age < limit)
            {
                if (age >= limit / 2 && Interlocked.Exchange(ref refreshing, 1) == 0)
                {
                    _ = Task.Run(RefreshAsync, CancellationToken.None);
                }

                return ValueTask.FromResult(entry.Value);
            }
        }

        return new ValueTask<T>(ReloadAsync(cancellationToken));
    }

    /// <summary>Forgets the value; the next read loads it again.</summary>
    public void Invalidate() => Volatile.Write(ref current, null);

    /// <remarks>Only cancels a background reload: the semaphore and token source hold no OS handle.</remarks>
    public void Dispose() => disposing.Cancel();

    private bool IsFresh(Entry entry) => entry.Version == versions.Of(data) && time.GetElapsedTime(entry.LoadedAt) < maxAge();

    private async Task<T> ReloadAsync(CancellationToken cancellationToken)
    {
        await reload.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (Volatile.Read(ref current) is { } other && IsFresh(other))
            {
                return other.Value;
            }

            return await LoadLockedAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            reload.Release();
        }
    }

    // Reloads off the reader that noticed the value getting old. A failure keeps the current value until its age limit;
    // the first read after that loads it itself and sees the error.
    private async Task RefreshAsync()
    {
        var stopping = disposing.Token;
        try
        {
            await reload.WaitAsync(stopping).ConfigureAwait(false);
            try
            {
                // A reader may have reloaded meanwhile (a local change): then this value is young again.
                if (Volatile.Read(ref current) is not { } other || !IsFresh(other) || time.GetElapsedTime(other.LoadedAt) >= maxAge() / 2)
                {
                    await LoadLockedAsync(stopping).ConfigureAwait(false);
                }
            }
            finally
            {
                reload.Release();
            }
        }
        catch (Exception) when (stopping.IsCancellationRequested)
        {
            // Disposed while loading (the host is stopping, its services going away): nobody reads this value any more.
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            LogRefreshFailed(logger, data, ex);
        }
        finally
        {
            Volatile.Write(ref refreshing, 0);
        }
    }

    private async Task<T> LoadLockedAsync(CancellationToken cancellationToken)
    {
        // Read the version first: a change during the load leaves the value stale, never wrongly fresh.
        var version = versions.Of(data);
        var loadedAt = time.GetTimestamp();
        var value = await load(cancellationToken).ConfigureAwait(false);
        Volatile.Write(ref current, new Entry(value, version, loadedAt));
        return value;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Reloading the cached {Data} data in the background failed; the current value is used until it is too old, then the next reader loads it.")]
    private static partial void LogRefreshFailed(ILogger logger, CachedData data, Exception exception);

    private sealed record Entry(T Value, long Version, long LoadedAt);
}
