using Microsoft.EntityFrameworkCore;
using WebMacs.Common;
using WebMacs.Domain;
using WebMacs.Persistence;

namespace WebMacs.Rules;

/// <summary>Rule administration (reference §4.3 routes 46–50) with the original's threshold checks.</summary>
internal sealed class RuleService(WebMacsDbContext db, ChangeSaver saver, TimeProvider time)
{
    public const string EventNotFound = "Event not found.";
    public const string ThresholdHighRequired = "threshold_high required for between/not_between operators";
    public const string ThresholdHighTooLow = "threshold_high must be >= threshold";
    private const string Entity = "Rule";

    public async Task<PageResult<RuleView>> ListAsync(int skip, int take, CancellationToken cancellationToken)
    {
        var total = await db.Rules.CountAsync(cancellationToken).ConfigureAwait(false);
        var items = await db.Rules.AsNoTracking().OrderBy(r => r.Id).Skip(skip).Take(take).Select(RuleView.FromRow)
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        return new PageResult<RuleView>(items, total);
    }

    public async Task<Outcome<RuleView>> GetAsync(string publicId, CancellationToken cancellationToken) =>
        PublicIds.TryParse(publicId, out var id)
        && await db.Rules.AsNoTracking().Where(r => r.PublicId == id).Select(RuleView.FromRow)
            .FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false) is { } view
            ? view
            : Outcome.NotFound(Entity, publicId);

    /// <summary>Creates a rule owned by <paramref name="userId"/>: the event must exist (checked first), the name be new.</summary>
    public async Task<Outcome> CreateAsync(int userId, RuleDraft draft, CancellationToken cancellationToken)
    {
        if (await EventIdAsync(draft.EventPublicId, cancellationToken).ConfigureAwait(false) is not { } eventId)
        {
            return Outcome.NotFound(EventNotFound);
        }

        if (await db.Rules.AnyAsync(r => r.Name == draft.Name, cancellationToken).ConfigureAwait(false))
        {
            return Outcome.Conflict(Entity);
        }

        db.Rules.Add(new Rule
        {
            Name = draft.Name,
            EventId = eventId,
            Operator = draft.Operator,
            Threshold = draft.Threshold,
            ThresholdHigh = draft.ThresholdHigh,
            ActionType = draft.ActionType,
            WebhookEventType = draft.WebhookEventType is { } type ? WireEnum<WebhookEventType>.ToWire(type) : null,
            Enabled = draft.Enabled,
            CooldownSeconds = draft.CooldownSeconds,
            CreatedOn = time.GetUtcNow().UtcDateTime,
            UserId = userId,
        });
        return await SaveAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Applies a partial update, then checks the merged thresholds as the original does (422 with a string detail).
    /// A new event id must name an existing event (the original lost such updates at commit; here 404).
    /// </summary>
    public async Task<Outcome> UpdateAsync(string publicId, RuleChanges changes, CancellationToken cancellationToken)
    {
        if (!PublicIds.TryParse(publicId, out var id)
            || await db.Rules.FirstOrDefaultAsync(r => r.PublicId == id, cancellationToken).ConfigureAwait(false) is not { } rule)
        {
            return Outcome.NotFound(Entity, publicId);
        }

        if (changes.NullSent)
        {
            // An explicit null on a NOT NULL column is an integrity conflict, as in the original's generic update.
            db.ChangeTracker.Clear();
            return Outcome.Conflict(Entity);
        }

        var op = changes.Operator ?? rule.Operator;
        var threshold = changes.Threshold ?? rule.Threshold;
        var thresholdHigh = changes.ClearThresholdHigh ? null : changes.ThresholdHigh ?? rule.ThresholdHigh;
        if (op is RuleOperator.Between or RuleOperator.NotBetween && thresholdHigh is null)
        {
            db.ChangeTracker.Clear();
            return Outcome.Unprocessable(ThresholdHighRequired);
        }

        if (thresholdHigh < threshold)
        {
            db.ChangeTracker.Clear();
            return Outcome.Unprocessable(ThresholdHighTooLow);
        }

        if (changes.EventPublicId is { } eventPublicId)
        {
            if (await EventIdAsync(eventPublicId, cancellationToken).ConfigureAwait(false) is not { } eventId)
            {
                db.ChangeTracker.Clear();
                return Outcome.NotFound(EventNotFound);
            }

            rule.EventId = eventId;
        }

        if (changes.Name is { } name) rule.Name = name;
        rule.Operator = op;
        rule.Threshold = threshold;
        rule.ThresholdHigh = thresholdHigh;
        if (changes.ActionType is { } actionType) rule.ActionType = actionType;
        if (changes.WebhookEventType is { } type) rule.WebhookEventType = WireEnum<WebhookEventType>.ToWire(type);
        if (changes.ClearWebhookEventType) rule.WebhookEventType = null;
        if (changes.Enabled is { } enabled) rule.Enabled = enabled;
        if (changes.CooldownSeconds is { } cooldown) rule.CooldownSeconds = cooldown;
        return await SaveAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task<Outcome> DeleteAsync(string publicId, CancellationToken cancellationToken)
    {
        if (!PublicIds.TryParse(publicId, out var id))
        {
            return Outcome.NotFound(Entity, publicId);
        }

        var deleted = await db.Rules.Where(r => r.PublicId == id).ExecuteDeleteAsync(cancellationToken).ConfigureAwait(false);
        return deleted == 0 ? Outcome.NotFound(Entity, publicId) : Outcome.Ok;
    }

    private async Task<int?> EventIdAsync(string eventPublicId, CancellationToken cancellationToken) =>
        PublicIds.TryParse(eventPublicId, out var id)
            ? await db.Events.Where(e => e.PublicId == id).Select(e => (int?)e.Id).FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false)
            : null;

    private async Task<Outcome> SaveAsync(CancellationToken cancellationToken) =>
        await saver.SaveAsync(cancellationToken).ConfigureAwait(false) switch
        {
            ConstraintViolation.None => Outcome.Ok,
            ConstraintViolation.ForeignKey => Outcome.NotFound(EventNotFound),
            _ => Outcome.Conflict(Entity),
        };
}
