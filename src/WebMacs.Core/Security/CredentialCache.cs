using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using WebMacs.Domain;
using WebMacs.Persistence;

namespace WebMacs.Security;

/// <summary>
/// Remembers what the database said about an access token (its user, or that it was revoked) so that a client sending
/// many requests does not cost two queries each. An entry is trusted while no user or revocation was written through
/// EF Core in this process (<see cref="DataVersions"/>, <see cref="CachedData.Accounts"/>) and for at most
/// <see cref="WebMacsOptions.CredentialCacheDuration"/> (writes of other processes). The token's signature and expiry are
/// still checked on every request. Hand-written: a few lines over <see cref="ConcurrentDictionary{TKey,TValue}"/>,
/// because the entries must follow the in-process change counter, which no caching library knows.
/// </summary>
internal sealed class CredentialCache(DataVersions versions, TimeProvider time, IOptions<WebMacsOptions> options)
{
    /// <summary>The most credentials remembered; beyond it the cache starts over (bounded memory under token floods).</summary>
    private const int MaxEntries = 10_000;

    private readonly ConcurrentDictionary<string, Entry> entries = new(StringComparer.Ordinal);
    private readonly TimeSpan duration = options.Value.CredentialCacheDuration;

    /// <summary>Takes the stamp to pass to <see cref="Remember"/>; taken before the lookup, so a change during it wins.</summary>
    public Stamp Begin() => new(versions.Of(CachedData.Accounts), time.GetTimestamp());

    /// <summary>
    /// Finds a fresh entry: <paramref name="user"/> is a copy of the token's user, or null when the token was revoked.
    /// <paramref name="refresh"/> asks the caller (once per entry) to reload it in the background because it is past
    /// half its duration, so a busy client never waits for the database while the answer stays at most that old.
    /// </summary>
    public bool TryGet(string tokenHash, out User? user, out bool refresh)
    {
        user = null;
        refresh = false;
        if (duration <= TimeSpan.Zero || !entries.TryGetValue(tokenHash, out var entry))
        {
            return false;
        }

        var age = time.GetElapsedTime(entry.Stamp.Timestamp);
        if (entry.Stamp.Version != versions.Of(CachedData.Accounts) || age >= duration)
        {
            entries.TryRemove(new KeyValuePair<string, Entry>(tokenHash, entry));
            return false;
        }

        refresh = age >= duration / 2 && Interlocked.Exchange(ref entry.Refreshing, 1) == 0;
        user = entry.User is { } cached ? Copy(cached) : null;
        return true;
    }

    /// <summary>Forgets a token (it no longer checks out: expired, or its user is gone).</summary>
    public void Forget(string tokenHash) => entries.TryRemove(tokenHash, out _);

    /// <summary>Remembers the user of a token (a copy), or with null that the token is revoked.</summary>
    public void Remember(string tokenHash, Stamp stamp, User? user)
    {
        if (duration <= TimeSpan.Zero)
        {
            return;
        }

        if (entries.Count >= MaxEntries)
        {
            entries.Clear();
        }

        entries[tokenHash] = new Entry(stamp, user is null ? null : Copy(user));
    }

    /// <summary>A detached copy: each request gets its own object, never one shared with another request.</summary>
    private static User Copy(User user) => new()
    {
        Id = user.Id,
        PublicId = user.PublicId,
        Email = user.Email,
        Username = user.Username,
        PasswordHash = user.PasswordHash,
        Role = user.Role,
        RegisteredOn = user.RegisteredOn,
        SsoProvider = user.SsoProvider,
        SsoSubjectId = user.SsoSubjectId,
    };

    /// <summary>The change counter and clock reading an entry was loaded under.</summary>
    internal readonly record struct Stamp(long Version, long Timestamp);

    private sealed class Entry(Stamp stamp, User? user)
    {
        /// <summary>1 once a background reload was asked for.</summary>
        public int Refreshing;

        public Stamp Stamp { get; } = stamp;

        public User? User { get; } = user;
    }
}
