using Microsoft.EntityFrameworkCore;
using WebMacs.Common;
using WebMacs.Domain;
using WebMacs.Persistence;

namespace WebMacs.Events;

/// <summary>An event with the public id of its owner.</summary>
internal sealed record EventRow(Event Event, Guid OwnerPublicId);

/// <summary>The fields of a new event.</summary>
internal sealed record NewEvent(string Name, double MinValue, double MaxValue, string Unit, EventType Type);

/// <summary>The changes a PUT /events/{id} asks for; a null property means "not sent".</summary>
internal sealed record EventChanges(string? Name, double? MinValue, double? MaxValue, string? Unit, EventType? Type, bool NullSent);

/// <summary>Sensor and actuator channel definitions (reference §4.3 routes 17–21).</summary>
internal sealed class EventService(WebMacsDbContext db, ChangeSaver saver)
{
    private const string Entity = "Event";

    public async Task<PageResult<EventRow>> ListAsync(int skip, int take, CancellationToken cancellationToken)
    {
        var total = await db.Events.CountAsync(cancellationToken).ConfigureAwait(false);
        var items = await db.Events.AsNoTracking().OrderBy(e => e.Id).Skip(skip).Take(take)
            .Select(e => new EventRow(e, e.User!.PublicId))
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        return new PageResult<EventRow>(items, total);
    }

    public async Task<Outcome<EventRow>> GetAsync(string publicId, CancellationToken cancellationToken) =>
        PublicIds.TryParse(publicId, out var id)
        && await db.Events.AsNoTracking().Where(e => e.PublicId == id).Select(e => new EventRow(e, e.User!.PublicId))
            .FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false) is { } row
            ? row
            : Outcome.NotFound(Entity, publicId);

    /// <summary>Creates an event owned by the caller; a taken name is a conflict.</summary>
    public async Task<Outcome<Event>> CreateAsync(User caller, NewEvent fields, CancellationToken cancellationToken)
    {
        var created = new Event
        {
            Name = fields.Name,
            MinValue = fields.MinValue,
            MaxValue = fields.MaxValue,
            Unit = fields.Unit,
            Type = fields.Type,
            UserId = caller.Id,
        };
        db.Events.Add(created);
        return await saver.SaveAsync(cancellationToken).ConfigureAwait(false) == ConstraintViolation.None ? created : Outcome.Conflict(Entity);
    }

    /// <summary>Applies a partial update; a taken name or an explicit null (every column is NOT NULL) is a conflict.</summary>
    public async Task<Outcome> UpdateAsync(string publicId, EventChanges changes, CancellationToken cancellationToken)
    {
        var entity = PublicIds.TryParse(publicId, out var id)
            ? await db.Events.FirstOrDefaultAsync(e => e.PublicId == id, cancellationToken).ConfigureAwait(false)
            : null;
        if (entity is null)
        {
            return Outcome.NotFound(Entity, publicId);
        }

        if (changes.NullSent)
        {
            return Outcome.Conflict(Entity);
        }

        if (changes.Name is { } name) entity.Name = name;
        if (changes.MinValue is { } min) entity.MinValue = min;
        if (changes.MaxValue is { } max) entity.MaxValue = max;
        if (changes.Unit is { } unit) entity.Unit = unit;
        if (changes.Type is { } type) entity.Type = type;
        return await saver.SaveAsync(cancellationToken).ConfigureAwait(false) == ConstraintViolation.None ? Outcome.Ok : Outcome.Conflict(Entity);
    }

    /// <summary>Deletes an event; the store's cascades remove its datapoints and rules and unlink widgets and channels.</summary>
    public async Task<Outcome> DeleteAsync(string publicId, CancellationToken cancellationToken)
    {
        if (!PublicIds.TryParse(publicId, out var id))
        {
            return Outcome.NotFound(Entity, publicId);
        }

        var deleted = await db.Events.Where(e => e.PublicId == id).ExecuteDeleteAsync(cancellationToken).ConfigureAwait(false);
        return deleted == 0 ? Outcome.NotFound(Entity, publicId) : Outcome.Ok;
    }
}
