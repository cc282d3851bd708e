using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using WebMacs.Domain;
using WebMacs.Ingestion;
using WebMacs.Persistence;

namespace WebMacs.Webhooks;

/// <summary>
/// Which event types some enabled webhook subscribes to, cached; reloaded when EF Core wrote to webhooks in this process
/// and otherwise after <see cref="IngestionOptions.CacheRefreshInterval"/>.
/// </summary>
internal sealed class WebhookSubscriptions : IDisposable
{
    private readonly IDbContextFactory<WebMacsDbContext> contexts;
    private readonly VersionedCache<HashSet<string>> cache;

    public WebhookSubscriptions(IDbContextFactory<WebMacsDbContext> contexts, DataVersions versions, TimeProvider time, IOptions<IngestionOptions> options, ILogger<WebhookSubscriptions> logger)
    {
        this.contexts = contexts;
        cache = new VersionedCache<HashSet<string>>(versions, CachedData.Webhooks, time, () => options.Value.CacheRefreshInterval, LoadAsync, logger);
    }

    public async ValueTask<bool> AnyAsync(WebhookEventType type, CancellationToken cancellationToken) =>
        (await cache.GetAsync(cancellationToken).ConfigureAwait(false)).Contains(WireEnum<WebhookEventType>.ToWire(type));

    public void Dispose() => cache.Dispose();

    private async Task<HashSet<string>> LoadAsync(CancellationToken cancellationToken)
    {
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

            return types;
        }
    }
}
