using System.Linq.Expressions;
using WebMacs.Domain;

namespace WebMacs.Rules;

/// <summary>A rule as the API shows it (reference §4.2 RuleResponse), with the public ids of its event and owner.</summary>
internal sealed record RuleView(
    Guid PublicId,
    string Name,
    Guid EventPublicId,
    RuleOperator Operator,
    double Threshold,
    double? ThresholdHigh,
    RuleActionType ActionType,
    string? WebhookEventType,
    bool Enabled,
    int CooldownSeconds,
    DateTime? LastTriggeredAt,
    DateTime CreatedOn,
    Guid UserPublicId)
{
    /// <summary>Gets the projection from a row, translated to one query with the event and owner joined.</summary>
    public static Expression<Func<Rule, RuleView>> FromRow { get; } = r => new RuleView(
        r.PublicId, r.Name, r.Event!.PublicId, r.Operator, r.Threshold, r.ThresholdHigh, r.ActionType, r.WebhookEventType,
        r.Enabled, r.CooldownSeconds, r.LastTriggeredAt, r.CreatedOn, r.User!.PublicId);
}

/// <summary>A validated POST /rules body.</summary>
internal sealed record RuleDraft(
    string Name,
    string EventPublicId,
    RuleOperator Operator,
    double Threshold,
    double? ThresholdHigh,
    RuleActionType ActionType,
    WebhookEventType? WebhookEventType,
    bool Enabled,
    int CooldownSeconds);

/// <summary>
/// The changes a PUT /rules/{id} asks for; a null property means "not sent". <c>Clear…</c> marks an explicit null on a
/// nullable column; <see cref="NullSent"/> an explicit null on a NOT NULL one.
/// </summary>
internal sealed record RuleChanges(
    string? Name,
    string? EventPublicId,
    RuleOperator? Operator,
    double? Threshold,
    double? ThresholdHigh,
    bool ClearThresholdHigh,
    RuleActionType? ActionType,
    WebhookEventType? WebhookEventType,
    bool ClearWebhookEventType,
    bool? Enabled,
    int? CooldownSeconds,
    bool NullSent);
