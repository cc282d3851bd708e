using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using WebMacs.Domain;
using WebMacs.Ingestion;
using WebMacs.Persistence;

namespace WebMacs.Commands;

/// <summary>A channel that receives commands: an output or bidirectional channel of an enabled plugin instance.</summary>
internal readonly record struct OutputChannel(Guid PluginInstanceId, string ChannelId, bool IsBidirectional = false);

/// <summary>
/// The output and bidirectional channels of the enabled plugin instances by the internal id of the event they are mapped
/// to; reloaded when EF Core wrote to channel mappings or plugin instances in this process (<see cref="DataVersions"/>,
/// group <see cref="CachedData.Ingestion"/>) and otherwise after <see cref="IngestionOptions.CacheRefreshInterval"/>.
/// </summary>
internal sealed class OutputChannelCache : IDisposable
{
    private readonly IDbContextFactory<WebMacsDbContext> contexts;
    private readonly VersionedCache<IReadOnlyDictionary<int, OutputChannel[]>> cache;

    public OutputChannelCache(
        IDbContextFactory<WebMacsDbContext> contexts, DataVersions versions, TimeProvider time, IOptions<IngestionOptions> options, ILogger<OutputChannelCache> logger)
    {
        this.contexts = contexts;
        cache = new VersionedCache<IReadOnlyDictionary<int, OutputChannel[]>>(versions, CachedData.Ingestion, time, () => options.Value.CacheRefreshInterval, LoadAsync, logger);
    }

    public ValueTask<IReadOnlyDictionary<int, OutputChannel[]>> GetAsync(CancellationToken cancellationToken) => cache.GetAsync(cancellationToken);

    public void Dispose() => cache.Dispose();

    private async Task<IReadOnlyDictionary<int, OutputChannel[]>> LoadAsync(CancellationToken cancellationToken)
    {
        var db = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        await using (db.ConfigureAwait(false))
        {
            var rows = await db.ChannelMappings.AsNoTracking()
                .Where(m => m.EventId != null && m.PluginInstance!.Enabled && m.Direction != ChannelDirection.Input)
                .Select(m => new { EventId = m.EventId!.Value, Instance = m.PluginInstance!.PublicId, m.ChannelId, m.Direction })
                .ToListAsync(cancellationToken).ConfigureAwait(false);
            return rows
                .GroupBy(r => r.EventId)
                .ToDictionary(g => g.Key, g => g.Select(r => new OutputChannel(r.Instance, r.ChannelId, r.Direction == ChannelDirection.Bidirectional)).ToArray());
        }
    }
}
