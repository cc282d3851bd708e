using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using WebMacs.Domain;
using WebMacs.Ingestion;
using WebMacs.Persistence;

namespace WebMacs.Webhooks;

/// <summary>
/// Which event types some enabled webhook subscribes to, cached; reloaded when EF Core wrote to webhooks in this process
/// and otherwise after <see cref="IngestionOptions.CacheRefreshInterval"/>.
/// </summary>
internal sealed class WebhookSubscriptions(IDbContextFactory<WebMacsDbContext> contexts, DataVersions versions, TimeProvider time, IOptions<IngestionOptions> options)
{
    private Snapshot? current;

    public async ValueTask<bool> AnyAsync(WebhookEventType type, CancellationToken cancellationToken)
    {
        var snapshot = Volatile.Read(ref current);
        if (snapshot is null || snapshot.Version != versions.Of(CachedData.Webhooks) || time.GetElapsedTime(snapshot.LoadedAt) >= options.Value.CacheRefreshInterval)
        {
            snapshot = await LoadAsync(cancellationToken).ConfigureAwait(false);
        }

        return snapshot.Types.Contains(WireEnum<WebhookEventType>.ToWire(type));
    }

    private async Task<Snapshot> LoadAsync(CancellationToken cancellationToken)
    {
        var version = versions.Of(CachedData.Webhooks);
        var loadedAt = time.GetTimestamp();
        var db = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        await using (db.ConfigureAwait(false))
        {
            var lists = await db.Webhooks.AsNoTracking().Where(w => w.Enabled).Select(w => w.Events).ToListAsync(cancellationToken).ConfigureAwait(false);
            var types = new HashSet<string>(StringComparer.Ordinal);
            foreach (var list in lists)
            {
                try
                {
                    types.UnionWith(JsonSerializer.Deserialize<string[]>(list) ?? []);
                }
                catch (JsonException)
                {
                    // An unreadable list subscribes to nothing (the outbox logs it when it meets it).
                }
            }

            var snapshot = new Snapshot(types, version, loadedAt);
            Volatile.Write(ref current, snapshot);
            return snapshot;
        }
    }

    private sealed record Snapshot(HashSet<string> Types, long Version, long LoadedAt);
}
