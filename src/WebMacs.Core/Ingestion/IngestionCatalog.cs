using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using WebMacs.Persistence;

namespace WebMacs.Ingestion;

/// <summary>What validation needs to know, loaded once: the linked events (reference §6.1 step 2) and the running experiment.</summary>
internal sealed class IngestionSnapshot(Dictionary<Guid, int> linked, int? experimentId, Guid? experimentPublicId)
{
    /// <summary>Gets the internal id of every event mapped by a channel of an enabled plugin instance, by public id.</summary>
    public IReadOnlyDictionary<Guid, int> Linked { get; } = linked;

    public int? ExperimentId { get; } = experimentId;

    public Guid? ExperimentPublicId { get; } = experimentPublicId;
}

/// <summary>
/// Keeps the <see cref="IngestionSnapshot"/> in memory so that parsing and validation never touch the database. It is
/// reloaded when EF Core wrote to events, channel mappings, plugin instances or experiments in this process
/// (<see cref="DataVersions"/>), and otherwise after <see cref="IngestionOptions.CacheRefreshInterval"/>
/// (<see cref="VersionedCache{T}"/>).
/// </summary>
internal sealed class IngestionCatalog : IDisposable
{
    private readonly IDbContextFactory<WebMacsDbContext> contexts;
    private readonly VersionedCache<IngestionSnapshot> cache;

    public IngestionCatalog(IDbContextFactory<WebMacsDbContext> contexts, DataVersions versions, TimeProvider time, IOptions<IngestionOptions> options, ILogger<IngestionCatalog> logger)
    {
        this.contexts = contexts;
        cache = new VersionedCache<IngestionSnapshot>(versions, CachedData.Ingestion, time, () => options.Value.CacheRefreshInterval, LoadAsync, logger);
    }

    /// <summary>Gets a snapshot that is no older than the last change made in this process.</summary>
    public ValueTask<IngestionSnapshot> GetAsync(CancellationToken cancellationToken) => cache.GetAsync(cancellationToken);

    /// <summary>Forgets the snapshot (used after the store refused a batch: an event may have gone).</summary>
    public void Invalidate() => cache.Invalidate();

    public void Dispose() => cache.Dispose();

    private async Task<IngestionSnapshot> LoadAsync(CancellationToken cancellationToken)
    {
        var db = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        await using (db.ConfigureAwait(false))
        {
            var linked = await db.ChannelMappings.AsNoTracking()
                .Where(m => m.PluginInstance!.Enabled && m.Event != null)
                .Select(m => new { m.Event!.PublicId, m.Event.Id })
                .Distinct()
                .ToListAsync(cancellationToken).ConfigureAwait(false);

            // The original takes whichever running experiment comes first; when several run, this picks the most
            // recently started one (then the newest), the same on every store.
            var experiment = await db.Experiments.AsNoTracking()
                .Where(e => e.StoppedOn == null)
                .OrderBy(e => e.StartedOn == null)
                .ThenByDescending(e => e.StartedOn)
                .ThenByDescending(e => e.Id)
                .Select(e => new { e.Id, e.PublicId })
                .FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false);

            return new IngestionSnapshot(linked.ToDictionary(r => r.PublicId, r => r.Id), experiment?.Id, experiment?.PublicId);
        }
    }
}
