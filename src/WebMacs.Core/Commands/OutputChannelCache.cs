using Microsoft.EntityFrameworkCore;
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
internal sealed class OutputChannelCache(
    IDbContextFactory<WebMacsDbContext> contexts, DataVersions versions, TimeProvider time, IOptions<IngestionOptions> options) : IDisposable
{
    private readonly SemaphoreSlim reload = new(1, 1);
    private Snapshot? current;

    public async ValueTask<IReadOnlyDictionary<int, OutputChannel[]>> GetAsync(CancellationToken cancellationToken)
    {
        if (Volatile.Read(ref current) is { } snapshot && IsFresh(snapshot))
        {
            return snapshot.Outputs;
        }

        await reload.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (Volatile.Read(ref current) is { } other && IsFresh(other))
            {
                return other.Outputs;
            }

            var version = versions.Of(CachedData.Ingestion);
            var loadedAt = time.GetTimestamp();
            var db = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
            await using (db.ConfigureAwait(false))
            {
                var rows = await db.ChannelMappings.AsNoTracking()
                    .Where(m => m.EventId != null && m.PluginInstance!.Enabled && m.Direction != ChannelDirection.Input)
                    .Select(m => new { EventId = m.EventId!.Value, Instance = m.PluginInstance!.PublicId, m.ChannelId, m.Direction })
                    .ToListAsync(cancellationToken).ConfigureAwait(false);
                var outputs = rows
                    .GroupBy(r => r.EventId)
                    .ToDictionary(g => g.Key, g => g.Select(r => new OutputChannel(r.Instance, r.ChannelId, r.Direction == ChannelDirection.Bidirectional)).ToArray());
                Volatile.Write(ref current, new Snapshot(outputs, version, loadedAt));
                return outputs;
            }
        }
        finally
        {
            reload.Release();
        }
    }

    public void Dispose() => reload.Dispose();

    private bool IsFresh(Snapshot snapshot) =>
        snapshot.Version == versions.Of(CachedData.Ingestion) && time.GetElapsedTime(snapshot.LoadedAt) < options.Value.CacheRefreshInterval;

    private sealed record Snapshot(IReadOnlyDictionary<int, OutputChannel[]> Outputs, long Version, long LoadedAt);
}
