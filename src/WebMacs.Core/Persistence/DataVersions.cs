namespace WebMacs.Persistence;

/// <summary>The groups of tables whose contents the hot path caches in memory.</summary>
[Flags]
internal enum CachedData
{
    None = 0,

    /// <summary>Events, channel mappings, plugin instances and experiments: the ingestion linkage map.</summary>
    Ingestion = 1,

    /// <summary>Rules.</summary>
    Rules = 2,

    /// <summary>Webhooks (their subscriptions).</summary>
    Webhooks = 4,

    /// <summary>Users and revoked tokens: the checked credentials of the authentication.</summary>
    Accounts = 8,
}

/// <summary>
/// Counts the changes of each <see cref="CachedData"/> group made through EF Core in this process (see
/// <see cref="DataChangeInterceptor"/>); a cache compares the version it loaded with the current one.
/// </summary>
internal sealed class DataVersions
{
    private long ingestion;
    private long rules;
    private long webhooks;
    private long accounts;

    public long Of(CachedData data) => data switch
    {
        CachedData.Ingestion => Volatile.Read(ref ingestion),
        CachedData.Rules => Volatile.Read(ref rules),
        CachedData.Webhooks => Volatile.Read(ref webhooks),
        CachedData.Accounts => Volatile.Read(ref accounts),
        _ => throw new ArgumentOutOfRangeException(nameof(data)),
    };

    /// <summary>Marks every group in <paramref name="changed"/> as changed.</summary>
    public void Bump(CachedData changed)
    {
        if (changed.HasFlag(CachedData.Ingestion))
        {
            Interlocked.Increment(ref ingestion);
        }

        if (changed.HasFlag(CachedData.Rules))
        {
            Interlocked.Increment(ref rules);
        }

        if (changed.HasFlag(CachedData.Webhooks))
        {
            Interlocked.Increment(ref webhooks);
        }

        if (changed.HasFlag(CachedData.Accounts))
        {
            Interlocked.Increment(ref accounts);
        }
    }
}
