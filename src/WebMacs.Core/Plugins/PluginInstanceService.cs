using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using WebMacs.Common;
using WebMacs.Domain;
using WebMacs.Persistence;

namespace WebMacs.Plugins;

/// <summary>
/// Plugin instances (reference §4.3 routes 71–75, §6.7): creation with channel discovery and automatic events, and
/// the explicit delete cascade over the mapped events.
/// </summary>
internal sealed partial class PluginInstanceService(WebMacsDbContext db, ChangeSaver saver, TimeProvider time, IPluginCatalog catalog, ILogger<PluginInstanceService> logger)
{
    internal const string Entity = "Plugin instance";
    private const int MaxEventNameLength = 255;

    public async Task<PageResult<PluginInstanceView>> ListAsync(int skip, int take, CancellationToken cancellationToken)
    {
        var total = await db.PluginInstances.CountAsync(cancellationToken).ConfigureAwait(false);
        var items = await Views(db.PluginInstances.AsNoTracking().OrderBy(p => p.Id).Skip(skip).Take(take))
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        return new PageResult<PluginInstanceView>(items, total);
    }

    /// <summary>Gets an instance; the 404 text is the original's non-generic <c>Plugin instance not found.</c></summary>
    public async Task<Outcome<PluginInstanceView>> GetAsync(string publicId, CancellationToken cancellationToken)
    {
        var view = PublicIds.TryParse(publicId, out var id)
            ? await Views(db.PluginInstances.AsNoTracking().Where(p => p.PublicId == id)).FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false)
            : null;
        return view is null ? Outcome.NotFound("Plugin instance not found.") : view;
    }

    /// <summary>
    /// Creates an instance and a mapping for every channel the catalogue reports for its plugin (an unknown plugin or
    /// a failing discovery gives none). With <see cref="PluginInstanceDraft.AutoCreateEvents"/> each mapping is linked
    /// to the event <c>"&lt;instance&gt; – &lt;channel&gt;"</c>, reused when it exists.
    /// </summary>
    public async Task<Outcome> CreateAsync(User caller, PluginInstanceDraft draft, CancellationToken cancellationToken)
    {
        if (await db.PluginInstances.AnyAsync(p => p.InstanceName == draft.InstanceName, cancellationToken).ConfigureAwait(false))
        {
            return Outcome.Conflict(Entity);
        }

        var now = time.GetUtcNow().UtcDateTime;
        var instance = new PluginInstance
        {
            PluginId = draft.PluginId,
            InstanceName = draft.InstanceName,
            DemoMode = draft.DemoMode,
            Enabled = draft.Enabled,
            ConfigJson = draft.ConfigJson,
            CreatedOn = now,
            UpdatedOn = now,
            UserId = caller.Id,
        };
        db.PluginInstances.Add(instance);

        var created = new Dictionary<string, Event>(StringComparer.Ordinal);
        foreach (var channel in Discover(draft))
        {
            var mapping = new ChannelMapping
            {
                ChannelId = channel.Id,
                ChannelName = channel.Name,
                Direction = channel.Direction,
                Unit = channel.Unit,
                CreatedOn = now,
            };
            if (draft.AutoCreateEvents)
            {
                var name = EventName(draft.InstanceName, channel.Name);
                if (created.TryGetValue(name, out var pending))
                {
                    mapping.Event = pending;
                }
                else if (await db.Events.Where(e => e.Name == name).Select(e => (int?)e.Id).FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false) is { } existing)
                {
                    mapping.EventId = existing;
                }
                else
                {
                    var ev = new Event { Name = name, MinValue = channel.MinValue, MaxValue = channel.MaxValue, Unit = channel.Unit, Type = EventTypeOf(channel.Direction), UserId = caller.Id };
                    db.Events.Add(ev);
                    created[name] = ev;
                    mapping.Event = ev;
                }
            }

            instance.ChannelMappings.Add(mapping);
        }

        return await saver.SaveAsync(cancellationToken).ConfigureAwait(false) == ConstraintViolation.None ? Outcome.Ok : Outcome.Conflict(Entity);
    }

    /// <summary>
    /// Stores the health an edge controller reports for an instance (<c>PUT /plugins/{id}/status</c>, an addition to
    /// the contract): status, error message (cut to 2000 characters) and <c>updated_on</c>.
    /// </summary>
    public async Task<Outcome> SetStatusAsync(string publicId, PluginStatus status, string? errorMessage, CancellationToken cancellationToken)
    {
        var message = errorMessage is { Length: > 2000 } ? errorMessage[..2000] : errorMessage;
        var now = time.GetUtcNow().UtcDateTime;
        var updated = PublicIds.TryParse(publicId, out var id)
            ? await db.PluginInstances.Where(p => p.PublicId == id)
                .ExecuteUpdateAsync(s => s.SetProperty(p => p.Status, status).SetProperty(p => p.ErrorMessage, message).SetProperty(p => p.UpdatedOn, now), cancellationToken)
                .ConfigureAwait(false)
            : 0;
        return updated == 0 ? Outcome.NotFound("Plugin instance not found.") : Outcome.Ok;
    }

    /// <summary>Applies a partial update (no re-discovery of channels); <c>updated_on</c> becomes now.</summary>
    public async Task<Outcome> UpdateAsync(string publicId, PluginInstanceChanges changes, CancellationToken cancellationToken)
    {
        if (!PublicIds.TryParse(publicId, out var id)
            || await db.PluginInstances.FirstOrDefaultAsync(p => p.PublicId == id, cancellationToken).ConfigureAwait(false) is not { } instance)
        {
            return Outcome.NotFound(Entity, publicId);
        }

        if (changes.NullSent)
        {
            // instance_name, demo_mode and enabled are NOT NULL: an explicit null is the original's integrity conflict.
            db.ChangeTracker.Clear();
            return Outcome.Conflict(Entity);
        }

        if (changes.InstanceName is { } name) instance.InstanceName = name;
        if (changes.DemoMode is { } demoMode) instance.DemoMode = demoMode;
        if (changes.Enabled is { } enabled) instance.Enabled = enabled;
        if (changes.ConfigJsonSent) instance.ConfigJson = changes.ConfigJson;
        instance.UpdatedOn = time.GetUtcNow().UtcDateTime;
        try
        {
            return await saver.SaveAsync(cancellationToken).ConfigureAwait(false) == ConstraintViolation.None ? Outcome.Ok : Outcome.Conflict(Entity);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            return Outcome.NotFound(Entity, publicId);
        }
    }

    /// <summary>
    /// Deletes an instance with the explicit cascade of reference §6.7, in one transaction: the mapped events lose
    /// their rules and datapoints, widgets showing them are cleared, the events and the instance (with its mappings) go.
    /// </summary>
    public async Task<Outcome> DeleteAsync(string publicId, CancellationToken cancellationToken)
    {
        if (!PublicIds.TryParse(publicId, out var id))
        {
            return Outcome.NotFound(Entity, publicId);
        }

        var transaction = await db.Database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await using (transaction.ConfigureAwait(false))
        {
            var instanceId = await db.PluginInstances.Where(p => p.PublicId == id).Select(p => (int?)p.Id).FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false);
            if (instanceId is null)
            {
                return Outcome.NotFound(Entity, publicId);
            }

            var mappings = db.ChannelMappings.Where(m => m.PluginInstanceId == instanceId);
            var eventIds = await mappings.Where(m => m.EventId != null).Select(m => m.EventId!.Value).Distinct().ToListAsync(cancellationToken).ConfigureAwait(false);
            await mappings.ExecuteUpdateAsync(s => s.SetProperty(m => m.EventId, (int?)null), cancellationToken).ConfigureAwait(false);
            if (eventIds.Count > 0)
            {
                await db.Rules.Where(r => eventIds.Contains(r.EventId)).ExecuteDeleteAsync(cancellationToken).ConfigureAwait(false);
                await db.DashboardWidgets.Where(w => w.EventId != null && eventIds.Contains(w.EventId.Value))
                    .ExecuteUpdateAsync(s => s.SetProperty(w => w.EventId, (int?)null), cancellationToken).ConfigureAwait(false);
                await db.Datapoints.Where(d => eventIds.Contains(d.EventId)).ExecuteDeleteAsync(cancellationToken).ConfigureAwait(false);
                await db.Events.Where(e => eventIds.Contains(e.Id)).ExecuteDeleteAsync(cancellationToken).ConfigureAwait(false);
            }

            await db.PluginInstances.Where(p => p.Id == instanceId).ExecuteDeleteAsync(cancellationToken).ConfigureAwait(false);
            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            LogDeleted(logger, publicId, eventIds.Count);
            return Outcome.Ok;
        }
    }

    /// <summary>The automatic event name: instance name, EN DASH, channel name (cut to the column's 255 characters).</summary>
    internal static string EventName(string instanceName, string channelName)
    {
        var name = $"{instanceName} \u2013 {channelName}";
        if (name.Length <= MaxEventNameLength)
        {
            return name;
        }

        var cut = char.IsHighSurrogate(name[MaxEventNameLength - 1]) ? MaxEventNameLength - 1 : MaxEventNameLength;
        return name[..cut];
    }

    private static EventType EventTypeOf(Domain.ChannelDirection direction) => direction switch
    {
        Domain.ChannelDirection.Input => EventType.Sensor,
        Domain.ChannelDirection.Output => EventType.Actuator,
        _ => EventType.Range,
    };

    internal static IQueryable<PluginInstanceView> Views(IQueryable<PluginInstance> query) =>
        query.Select(p => new PluginInstanceView(
            p.PublicId,
            p.PluginId,
            p.InstanceName,
            p.DemoMode,
            p.Enabled,
            p.Status,
            p.ConfigJson,
            p.ErrorMessage,
            p.CreatedOn,
            p.UpdatedOn,
            p.User!.PublicId,
            p.ChannelMappings.OrderBy(m => m.Id)
                .Select(m => new ChannelMappingView(m.PublicId, m.ChannelId, m.ChannelName, m.Direction, m.Unit, m.Event != null ? m.Event.PublicId : null, m.CreatedOn))
                .ToList()));
}
