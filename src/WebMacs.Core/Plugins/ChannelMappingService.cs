using Microsoft.EntityFrameworkCore;
using WebMacs.Common;
using WebMacs.Domain;
using WebMacs.Persistence;

namespace WebMacs.Plugins;

/// <summary>
/// The channel mappings of a plugin instance (reference §4.3 routes 76–79), with the compat fixes: a duplicate
/// <c>channel_id</c> on one instance is a 409, a mapping to an unknown event a 404, and a mapping id that belongs to
/// another instance is not found.
/// </summary>
internal sealed class ChannelMappingService(WebMacsDbContext db, ChangeSaver saver, TimeProvider time)
{
    private const string Entity = "Channel mapping";
    private const string EventNotFound = "Event not found.";

    public async Task<Outcome<List<ChannelMappingView>>> ListAsync(string instanceId, CancellationToken cancellationToken)
    {
        if (await FindInstanceAsync(instanceId, cancellationToken).ConfigureAwait(false) is not { } id)
        {
            return Outcome.NotFound(PluginInstanceService.Entity, instanceId);
        }

        return await db.ChannelMappings.AsNoTracking().Where(m => m.PluginInstanceId == id).OrderBy(m => m.Id)
            .Select(m => new ChannelMappingView(m.PublicId, m.ChannelId, m.ChannelName, m.Direction, m.Unit, m.Event != null ? m.Event.PublicId : null, m.CreatedOn))
            .ToListAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task<Outcome> CreateAsync(string instanceId, ChannelMappingDraft draft, CancellationToken cancellationToken)
    {
        if (await FindInstanceAsync(instanceId, cancellationToken).ConfigureAwait(false) is not { } id)
        {
            return Outcome.NotFound(PluginInstanceService.Entity, instanceId);
        }

        int? eventId = null;
        if (draft.EventPublicId is not null && (eventId = await FindEventAsync(draft.EventPublicId, cancellationToken).ConfigureAwait(false)) is null)
        {
            return Outcome.NotFound(EventNotFound);
        }

        if (await db.ChannelMappings.AnyAsync(m => m.PluginInstanceId == id && m.ChannelId == draft.ChannelId, cancellationToken).ConfigureAwait(false))
        {
            return Outcome.Conflict(Entity);
        }

        db.ChannelMappings.Add(new ChannelMapping
        {
            PluginInstanceId = id,
            ChannelId = draft.ChannelId,
            ChannelName = draft.ChannelName,
            Direction = draft.Direction,
            Unit = draft.Unit,
            EventId = eventId,
            CreatedOn = time.GetUtcNow().UtcDateTime,
        });
        return await SaveAsync(instanceId, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Links the mapping to an event, or unlinks it when <paramref name="eventSent"/> and the id is null.</summary>
    public async Task<Outcome> UpdateAsync(string instanceId, string mappingId, bool eventSent, string? eventPublicId, CancellationToken cancellationToken)
    {
        var found = await FindMappingAsync(instanceId, mappingId, cancellationToken).ConfigureAwait(false);
        if (!found.Succeeded)
        {
            return new Outcome(found.Status, found.Detail);
        }

        if (eventSent)
        {
            int? eventId = null;
            if (eventPublicId is not null && (eventId = await FindEventAsync(eventPublicId, cancellationToken).ConfigureAwait(false)) is null)
            {
                db.ChangeTracker.Clear();
                return Outcome.NotFound(EventNotFound);
            }

            found.Value!.EventId = eventId;
        }

        return await SaveAsync(mappingId, cancellationToken).ConfigureAwait(false);
    }

    public async Task<Outcome> DeleteAsync(string instanceId, string mappingId, CancellationToken cancellationToken)
    {
        var found = await FindMappingAsync(instanceId, mappingId, cancellationToken).ConfigureAwait(false);
        if (!found.Succeeded)
        {
            return new Outcome(found.Status, found.Detail);
        }

        var id = found.Value!.Id;
        var deleted = await db.ChannelMappings.Where(m => m.Id == id).ExecuteDeleteAsync(cancellationToken).ConfigureAwait(false);
        return deleted == 0 ? Outcome.NotFound(Entity, mappingId) : Outcome.Ok;
    }

    /// <summary>Finds the instance, then the mapping (tracked) — only among that instance's mappings.</summary>
    private async Task<Outcome<ChannelMapping>> FindMappingAsync(string instanceId, string mappingId, CancellationToken cancellationToken)
    {
        if (await FindInstanceAsync(instanceId, cancellationToken).ConfigureAwait(false) is not { } id)
        {
            return Outcome.NotFound(PluginInstanceService.Entity, instanceId);
        }

        return PublicIds.TryParse(mappingId, out var mapping)
            && await db.ChannelMappings.FirstOrDefaultAsync(m => m.PublicId == mapping && m.PluginInstanceId == id, cancellationToken).ConfigureAwait(false) is { } found
            ? found
            : Outcome.NotFound(Entity, mappingId);
    }

    private async Task<int?> FindInstanceAsync(string publicId, CancellationToken cancellationToken) =>
        PublicIds.TryParse(publicId, out var id)
            ? await db.PluginInstances.Where(p => p.PublicId == id).Select(p => (int?)p.Id).FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false)
            : null;

    private async Task<int?> FindEventAsync(string publicId, CancellationToken cancellationToken) =>
        PublicIds.TryParse(publicId, out var id)
            ? await db.Events.Where(e => e.PublicId == id).Select(e => (int?)e.Id).FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false)
            : null;

    private async Task<Outcome> SaveAsync(string publicId, CancellationToken cancellationToken)
    {
        try
        {
            return await saver.SaveAsync(cancellationToken).ConfigureAwait(false) switch
            {
                ConstraintViolation.None => Outcome.Ok,
                ConstraintViolation.ForeignKey => Outcome.NotFound(EventNotFound),
                _ => Outcome.Conflict(Entity),
            };
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            return Outcome.NotFound(Entity, publicId);
        }
    }
}
