using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using WebMacs.Common;
using WebMacs.Domain;
using WebMacs.Persistence;

namespace WebMacs.Webhooks;

/// <summary>
/// Records webhook events in the durable outbox (<c>webhook_deliveries</c>, status <c>pending</c>): one row per
/// enabled webhook subscribed to the event type, with the exact payload bytes that will be sent and signed
/// (reference §6.3). The rows are added to the caller's unit of work, so they commit together with the change
/// that caused them; the dispatcher delivers them.
/// </summary>
internal sealed partial class WebhookOutbox(WebMacsDbContext db, TimeProvider time, ILogger<WebhookOutbox> logger)
{
    /// <summary>Adds deliveries for <paramref name="type"/> with the payload <c>{type, time, …fields}</c>; returns how many.</summary>
    public async Task<int> EnqueueAsync(WebhookEventType type, IEnumerable<KeyValuePair<string, object?>> fields, CancellationToken cancellationToken)
    {
        var eventType = WireEnum<WebhookEventType>.ToWire(type);
        var now = time.GetUtcNow().UtcDateTime;
        var payload = PythonJson.SerializeObject(
            [new("type", eventType), new("time", PythonTime.Format(now)), .. fields.Where(f => f.Value is not null)]);

        var candidates = await db.Webhooks.AsNoTracking().Where(w => w.Enabled).Select(w => new { w.Id, w.Events })
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        var count = 0;
        foreach (var webhook in candidates)
        {
            if (!Subscribes(webhook.Id, webhook.Events, eventType))
            {
                continue;
            }

            db.WebhookDeliveries.Add(new WebhookDelivery
            {
                WebhookId = webhook.Id,
                EventType = eventType,
                Payload = payload,
                CreatedOn = now,
                NextAttemptAt = now,
            });
            count++;
        }

        return count;
    }

    private bool Subscribes(int webhookId, string events, string eventType)
    {
        try
        {
            return JsonSerializer.Deserialize<string[]>(events)?.Contains(eventType, StringComparer.Ordinal) == true;
        }
        catch (JsonException ex)
        {
            LogUnreadableEvents(logger, webhookId, ex);
            return false;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Webhook {WebhookId} has an unreadable events list; skipped.")]
    private static partial void LogUnreadableEvents(ILogger logger, int webhookId, Exception exception);
}
