using WebMacs.Domain;
using WebMacs.Webhooks;

namespace WebMacs.AspNetCore.Endpoints;

// Bodies of the webhooks routes (reference §4.2 WebhookResponse / WebhookDeliveryResponse, §4.3 routes 40–45).

/// <summary>A webhook; the secret is never part of it.</summary>
internal sealed record WebhookResponse(Guid PublicId, string Url, IReadOnlyList<string> Events, bool Enabled, DateTime CreatedOn, Guid UserPublicId)
{
    public static WebhookResponse From(WebhookView view) =>
        new(view.PublicId, view.Url, view.Events, view.Enabled, view.CreatedOn, view.UserPublicId);
}

/// <summary>One recorded delivery attempt series of a webhook event.</summary>
internal sealed record WebhookDeliveryResponse(
    Guid PublicId, string EventType, string Status, int Attempts, string? LastError, int? ResponseCode, DateTime CreatedOn, DateTime? DeliveredOn)
{
    public static WebhookDeliveryResponse From(WebhookDelivery delivery) => new(
        delivery.PublicId,
        delivery.EventType,
        WireEnum<WebhookDeliveryStatus>.ToWire(delivery.Status),
        delivery.Attempts,
        delivery.LastError,
        delivery.ResponseCode,
        delivery.CreatedOn,
        delivery.DeliveredOn);
}

/// <summary>The body of <c>POST /webhooks</c>: an http(s) URL, an optional signing secret and the subscribed event types.</summary>
internal sealed record WebhookCreateRequest(string Url, string? Secret, IReadOnlyList<string> Events, bool Enabled = true);

/// <summary>The body of <c>PUT /webhooks/{id}</c>: any of the create fields (an empty event list is allowed).</summary>
internal sealed record WebhookUpdateRequest(string? Url, string? Secret, IReadOnlyList<string>? Events, bool? Enabled);
