using Microsoft.EntityFrameworkCore;
using WebMacs.AspNetCore.Tests.Support;
using WebMacs.Domain;
using WebMacs.Testing.Hosting;

namespace WebMacs.AspNetCore.Tests.Experiments;

/// <summary>Arranges and reads the side effects of experiment routes: webhooks, their queued deliveries, log entries.</summary>
internal static class ExperimentsTestData
{
    /// <summary>Inserts an enabled webhook subscribed to both experiment events and returns its id.</summary>
    public static async Task<int> InsertExperimentWebhookAsync(this WebMacsTestHost host)
    {
        var owner = await host.GetUserIdAsync(WebMacsTestHost.AdminEmail);
        return await host.WithDbAsync(async db =>
        {
            var webhook = new Webhook
            {
                Url = $"http://127.0.0.1:9/{Guid.NewGuid():N}",
                Events = """["experiment.started","experiment.stopped"]""",
                Enabled = true,
                CreatedOn = DateTime.UtcNow,
                UserId = owner,
            };
            db.Webhooks.Add(webhook);
            await db.SaveChangesAsync(TestContext.Current.CancellationToken);
            return webhook.Id;
        });
    }

    public static Task<List<WebhookDelivery>> DeliveriesAsync(this WebMacsTestHost host, int webhookId) =>
        host.WithDbAsync(db => db.WebhookDeliveries.AsNoTracking().Where(d => d.WebhookId == webhookId).OrderBy(d => d.Id)
            .ToListAsync(TestContext.Current.CancellationToken));

    public static Task<List<LogEntry>> LogEntriesAsync(this WebMacsTestHost host, string content) =>
        host.WithDbAsync(db => db.LogEntries.AsNoTracking().Where(l => l.Content == content).OrderBy(l => l.Id)
            .ToListAsync(TestContext.Current.CancellationToken));
}
