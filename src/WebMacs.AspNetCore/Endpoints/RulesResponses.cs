using WebMacs.Domain;
using WebMacs.Rules;

namespace WebMacs.AspNetCore.Endpoints;

// Bodies of the rules routes (reference §4.2 RuleResponse, §4.3 routes 46–50).

/// <summary>A threshold rule on one event.</summary>
internal sealed record RuleResponse(
    Guid PublicId,
    string Name,
    Guid EventPublicId,
    string Operator,
    double Threshold,
    double? ThresholdHigh,
    string ActionType,
    string? WebhookEventType,
    bool Enabled,
    int CooldownSeconds,
    DateTime? LastTriggeredAt,
    DateTime CreatedOn,
    Guid UserPublicId)
{
    public static RuleResponse From(RuleView view) => new(
        view.PublicId,
        view.Name,
        view.EventPublicId,
        WireEnum<RuleOperator>.ToWire(view.Operator),
        view.Threshold,
        view.ThresholdHigh,
        WireEnum<RuleActionType>.ToWire(view.ActionType),
        view.WebhookEventType,
        view.Enabled,
        view.CooldownSeconds,
        view.LastTriggeredAt,
        view.CreatedOn,
        view.UserPublicId);
}

/// <summary>The body of <c>POST /rules</c>; between/not_between need <c>threshold_high</c> ≥ <c>threshold</c>.</summary>
internal sealed record RuleCreateRequest(
    string Name,
    string EventPublicId,
    string Operator,
    double Threshold,
    double? ThresholdHigh,
    string ActionType,
    string? WebhookEventType,
    bool Enabled = true,
    int CooldownSeconds = 60);

/// <summary>The body of <c>PUT /rules/{id}</c>: any of the create fields.</summary>
internal sealed record RuleUpdateRequest(
    string? Name,
    string? EventPublicId,
    string? Operator,
    double? Threshold,
    double? ThresholdHigh,
    string? ActionType,
    string? WebhookEventType,
    bool? Enabled,
    int? CooldownSeconds);
