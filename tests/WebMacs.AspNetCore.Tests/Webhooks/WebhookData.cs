using Microsoft.EntityFrameworkCore;
using WebMacs.AspNetCore.Tests.Support;
using WebMacs.Domain;
using WebMacs.Testing.Hosting;

namespace WebMacs.AspNetCore.Tests.Webhooks;

/// <summary>Arranges and reads webhook rows directly through the host's database.</summary>
internal static class WebhookData
{
    public static string NewUrl() => $"https://receiver.example/hooks/{Guid.NewGuid():N}";

    /// <summary>Inserts a webhook owned by the seeded administrator; <paramref name="events"/> is the stored JSON text.</summary>
    public static async Task<Webhook> InsertWebhookAsync(this WebMacsTestHost host, string events, bool enabled = true, string? url = null, string? secret = null)
    {
        var adminId = await host.GetUserIdAsync(WebMacsTestHost.AdminEmail);
        return await host.WithDbAsync(async db =>
        {
            var webhook = new Webhook { Url = url ?? NewUrl(), Events = events, Enabled = enabled, Secret = secret, CreatedOn = DateTime.UtcNow, UserId = adminId };
            db.Webhooks.Add(webhook);
            await db.SaveChangesAsync(TestContext.Current.CancellationToken);
            return webhook;
        });
    }

    public static Task<WebhookDelivery[]> InsertDeliveriesAsync(this WebMacsTestHost host, params WebhookDelivery[] deliveries) =>
        host.WithDbAsync(async db =>
        {
            db.WebhookDeliveries.AddRange(deliveries);
            await db.SaveChangesAsync(TestContext.Current.CancellationToken);
            return deliveries;
        });

    public static Task<Webhook?> FindWebhookAsync(this WebMacsTestHost host, string url) =>
        host.WithDbAsync(db => db.Webhooks.AsNoTracking().FirstOrDefaultAsync(w => w.Url == url, TestContext.Current.CancellationToken));

    public static Task<Webhook?> FindWebhookAsync(this WebMacsTestHost host, Guid publicId) =>
        host.WithDbAsync(db => db.Webhooks.AsNoTracking().FirstOrDefaultAsync(w => w.PublicId == publicId, TestContext.Current.CancellationToken));

    public static Task<List<WebhookDelivery>> DeliveriesOfAsync(this WebMacsTestHost host, int webhookId) =>
        host.WithDbAsync(db => db.WebhookDeliveries.AsNoTracking().Where(d => d.WebhookId == webhookId).OrderBy(d => d.Id)
            .ToListAsync(TestContext.Current.CancellationToken));

    public static WebhookDelivery Delivery(Webhook of, WebhookDeliveryStatus status, DateTime createdOn, string eventType = "sensor.reading") => new()
    {
        WebhookId = of.Id,
        EventType = eventType,
        Payload = "{}",
        Status = status,
        CreatedOn = createdOn,
    };
}
