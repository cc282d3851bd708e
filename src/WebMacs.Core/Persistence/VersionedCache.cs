namespace WebMacs.Persistence;

/// <summary>
/// One value loaded from the database and kept in memory for the hot path: it is reloaded when EF Core wrote to its
/// table group in this process (<see cref="DataVersions"/>), when it is older than <c>maxAge</c> (changes made by
/// other processes), or after <see cref="Invalidate"/>. One load runs at a time; readers of a fresh value never wait.
/// </summary>
internal sealed class VersionedCache<T>(DataVersions versions, CachedData data, TimeProvider time, Func<TimeSpan> maxAge, Func<CancellationToken, Task<T>> load) : IDisposable
    where T : class
{
    private readonly SemaphoreSlim reload = new(1, 1);
    private Entry? current;

    public ValueTask<T> GetAsync(CancellationToken cancellationToken) =>
        Volatile.Read(ref current) is { } entry && IsFresh(entry) ? ValueTask.FromResult(entry.Value) : new ValueTask<T>(ReloadAsync(cancellationToken));

    /// <summary>Forgets the value; the next read loads it again.</summary>
    public void Invalidate() => Volatile.Write(ref current, null);

    public void Dispose() => reload.Dispose();

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

            // Read the version first: a change during the load leaves the value stale, never wrongly fresh.
            var version = versions.Of(data);
            var loadedAt = time.GetTimestamp();
            var value = await load(cancellationToken).ConfigureAwait(false);
            Volatile.Write(ref current, new Entry(value, version, loadedAt));
            return value;
        }
        finally
        {
            reload.Release();
        }
    }

    private sealed record Entry(T Value, long Version, long LoadedAt);
}
