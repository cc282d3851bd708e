using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using WebMacs.Common;
using WebMacs.Domain;
using WebMacs.Persistence;

namespace WebMacs.Webhooks;

/// <summary>A webhook as the API shows it: never its secret; its event types parsed from the stored JSON text.</summary>
internal sealed record WebhookView(Guid PublicId, string Url, IReadOnlyList<string> Events, bool Enabled, DateTime CreatedOn, Guid UserPublicId);

/// <summary>The changes a PUT /webhooks/{id} asks for; a null property means "not sent".</summary>
internal sealed record WebhookChanges(string? Url, string? Secret, bool ClearSecret, IReadOnlyList<WebhookEventType>? Events, bool? Enabled, bool NullSent);

/// <summary>Webhook administration and the delivery log (reference §4.3 routes 40–45).</summary>
internal sealed class WebhookService(WebMacsDbContext db, ChangeSaver saver, TimeProvider time)
{
    private const string Entity = "Webhook";

    public async Task<PageResult<WebhookView>> ListAsync(int skip, int take, CancellationToken cancellationToken)
    {
        var total = await db.Webhooks.CountAsync(cancellationToken).ConfigureAwait(false);
        var rows = await Project(db.Webhooks.OrderBy(w => w.Id).Skip(skip).Take(take)).ToListAsync(cancellationToken).ConfigureAwait(false);
        return new PageResult<WebhookView>([.. rows.Select(ToView)], total);
    }

    public async Task<Outcome<WebhookView>> GetAsync(string publicId, CancellationToken cancellationToken) =>
        PublicIds.TryParse(publicId, out var id)
        && await Project(db.Webhooks.Where(w => w.PublicId == id)).FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false) is { } row
            ? ToView(row)
            : Outcome.NotFound(Entity, publicId);

    /// <summary>Creates a webhook owned by <paramref name="userId"/>; the same URL string twice is a conflict.</summary>
    public async Task<Outcome> CreateAsync(int userId, string url, string? secret, IReadOnlyList<WebhookEventType> events, bool enabled, CancellationToken cancellationToken)
    {
        if (await db.Webhooks.AnyAsync(w => w.Url == url, cancellationToken).ConfigureAwait(false))
        {
            return Outcome.Conflict(Entity);
        }

        db.Webhooks.Add(new Webhook
        {
            Url = url,
            Secret = secret,
            Events = EventsText(events),
            Enabled = enabled,
            CreatedOn = time.GetUtcNow().UtcDateTime,
            UserId = userId,
        });
        return await SaveAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Applies a partial update (no duplicate-URL check, as in the original; an empty event list is allowed).</summary>
    public async Task<Outcome> UpdateAsync(string publicId, WebhookChanges changes, CancellationToken cancellationToken)
    {
        if (!PublicIds.TryParse(publicId, out var id)
            || await db.Webhooks.FirstOrDefaultAsync(w => w.PublicId == id, cancellationToken).ConfigureAwait(false) is not { } webhook)
        {
            return Outcome.NotFound(Entity, publicId);
        }

        if (changes.NullSent)
        {
            // url, events and enabled are NOT NULL: an explicit null is an integrity conflict, as in the original.
            db.ChangeTracker.Clear();
            return Outcome.Conflict(Entity);
        }

        if (changes.Url is { } url) webhook.Url = url;
        if (changes.Secret is { } secret) webhook.Secret = secret;
        if (changes.ClearSecret) webhook.Secret = null;
        if (changes.Events is { } events) webhook.Events = EventsText(events);
        if (changes.Enabled is { } enabled) webhook.Enabled = enabled;
        return await SaveAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Deletes a webhook; its deliveries go with it (foreign key cascade).</summary>
    public async Task<Outcome> DeleteAsync(string publicId, CancellationToken cancellationToken)
    {
        if (!PublicIds.TryParse(publicId, out var id))
        {
            return Outcome.NotFound(Entity, publicId);
        }

        var deleted = await db.Webhooks.Where(w => w.PublicId == id).ExecuteDeleteAsync(cancellationToken).ConfigureAwait(false);
        return deleted == 0 ? Outcome.NotFound(Entity, publicId) : Outcome.Ok;
    }

    /// <summary>Lists a webhook's deliveries newest first, optionally only those with <paramref name="status"/>.</summary>
    public async Task<Outcome<PageResult<WebhookDelivery>>> DeliveriesAsync(
        string publicId, WebhookDeliveryStatus? status, int skip, int take, CancellationToken cancellationToken)
    {
        if (!PublicIds.TryParse(publicId, out var id)
            || await db.Webhooks.Where(w => w.PublicId == id).Select(w => (int?)w.Id).FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false) is not { } webhookId)
        {
            return Outcome.NotFound(Entity, publicId);
        }

        var query = db.WebhookDeliveries.AsNoTracking().Where(d => d.WebhookId == webhookId);
        if (status is { } wanted)
        {
            query = query.Where(d => d.Status == wanted);
        }

        var total = await query.CountAsync(cancellationToken).ConfigureAwait(false);
        var items = await query.OrderByDescending(d => d.CreatedOn).ThenByDescending(d => d.Id).Skip(skip).Take(take)
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        return new PageResult<WebhookDelivery>(items, total);
    }

    /// <summary>Writes the event list as the original does: Python's <c>json.dumps</c> of the wire values.</summary>
    internal static string EventsText(IReadOnlyList<WebhookEventType> events) =>
        "[" + string.Join(", ", events.Select(e => $"\"{WireEnum<WebhookEventType>.ToWire(e)}\"")) + "]";

    private async Task<Outcome> SaveAsync(CancellationToken cancellationToken) =>
        await saver.SaveAsync(cancellationToken).ConfigureAwait(false) switch
        {
            ConstraintViolation.None => Outcome.Ok,
            _ => Outcome.Conflict(Entity),
        };

    private static IQueryable<WebhookRow> Project(IQueryable<Webhook> webhooks) => webhooks.AsNoTracking()
        .Select(w => new WebhookRow(w.PublicId, w.Url, w.Events, w.Enabled, w.CreatedOn, w.User!.PublicId));

    private static WebhookView ToView(WebhookRow row) =>
        new(row.PublicId, row.Url, ParseEvents(row.Events), row.Enabled, row.CreatedOn, row.UserPublicId);

    private static string[] ParseEvents(string events)
    {
        try
        {
            return JsonSerializer.Deserialize<string[]>(events) ?? [];
        }
        catch (JsonException)
        {
            return [];
        }
    }

    private sealed record WebhookRow(Guid PublicId, string Url, string Events, bool Enabled, DateTime CreatedOn, Guid UserPublicId);
}
