using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using WebMacs.Domain;
using WebMacs.Persistence;

namespace WebMacs.Acquisition;

/// <summary>
/// The instances of the local database (reference §2.11, read directly instead of over REST) and their status written
/// to <c>plugin_instances.status</c> and <c>error_message</c> (the original never did, §2.16 and §8 #8). The store is
/// resolved on first use, so a host without one fails when acquisition starts, not when it is built.
/// </summary>
internal sealed class DatabaseAcquisitionSource(IServiceProvider services) : IAcquisitionSource
{
    private IDbContextFactory<WebMacsDbContext>? contexts;

    private IDbContextFactory<WebMacsDbContext> Contexts => contexts ??= services.GetRequiredService<IDbContextFactory<WebMacsDbContext>>();

    public async Task<List<InstanceSpec>> LoadAsync(CancellationToken cancellationToken)
    {
        var db = await Contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        await using (db.ConfigureAwait(false))
        {
            var rows = await db.PluginInstances.AsNoTracking()
                .Where(p => p.Enabled)
                .OrderBy(p => p.Id)
                .Select(p => new
                {
                    p.PublicId,
                    p.PluginId,
                    p.InstanceName,
                    p.DemoMode,
                    p.ConfigJson,
                    p.UpdatedOn,
                    Mappings = p.ChannelMappings.Where(m => m.Event != null).Select(m => new { m.ChannelId, EventId = m.Event!.PublicId }).ToList(),
                })
                .ToListAsync(cancellationToken).ConfigureAwait(false);
            return [.. rows.Select(r => new InstanceSpec(
                r.PublicId,
                new InstanceDefinition(r.PluginId, r.InstanceName, r.DemoMode, r.ConfigJson, r.UpdatedOn),
                r.Mappings.GroupBy(m => m.ChannelId, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First().EventId, StringComparer.Ordinal)))];
        }
    }

    public async ValueTask ReportStatusAsync(Guid instancePublicId, PluginStatus status, string? error, CancellationToken cancellationToken)
    {
        var db = await Contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        await using (db.ConfigureAwait(false))
        {
            await db.PluginInstances.Where(p => p.PublicId == instancePublicId)
                .ExecuteUpdateAsync(s => s.SetProperty(p => p.Status, status).SetProperty(p => p.ErrorMessage, error), cancellationToken)
                .ConfigureAwait(false);
        }
    }
}
