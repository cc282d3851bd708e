using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using WebMacs.Domain;
using WebMacs.Ingestion;
using WebMacs.Persistence;

namespace WebMacs.Webhooks;

/// <summary>
/// Delivers the durable outbox (<c>webhook_deliveries</c>, reference §6.3): every pending delivery whose
/// <c>next_attempt_at</c> is due is sent by <see cref="WebhookSender"/> (at most
/// <see cref="WebhookOptions.Concurrency"/> at once); after each attempt the row records it, and a failure schedules
/// the next attempt (2 s, then 4 s) until <see cref="WebhookOptions.MaxAttempts"/>, then <c>dead_letter</c>. Because
/// the schedule lives in the rows, a restart resumes where it stopped and loses no delivery.
/// </summary>
internal sealed partial class WebhookDispatcher(
    IServiceProvider services,
    WebhookSender sender,
    WebhookSignal signal,
    IngestionMetrics metrics,
    TimeProvider time,
    IOptions<WebhookOptions> options,
    ILogger<WebhookDispatcher> logger) : BackgroundService
{
    private readonly HashSet<long> inFlight = [];
    private readonly Lock inFlightGate = new();
    private IDbContextFactory<WebMacsDbContext> contexts = null!;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Resolved here, after the start-up checks, so a host without storage fails with the message that says so.
        contexts = services.GetRequiredService<IDbContextFactory<WebMacsDbContext>>();
        var settings = options.Value;
        using var slots = new SemaphoreSlim(settings.Concurrency, settings.Concurrency);
        var running = new List<Task>();
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                foreach (var due in await DueAsync(settings.Concurrency * 4, stoppingToken).ConfigureAwait(false))
                {
                    await slots.WaitAsync(stoppingToken).ConfigureAwait(false);
                    running.Add(DeliverAsync(due, slots, stoppingToken));
                }

                running.RemoveAll(t => t.IsCompleted);
                await signal.WaitAsync(settings.PollInterval, stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception ex)
            {
                LogLoopFailed(logger, ex);
                await Task.Delay(settings.PollInterval, time, stoppingToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }
        }

        await Task.WhenAll(running).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
    }

    private async Task<List<DueDelivery>> DueAsync(int limit, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var db = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        await using (db.ConfigureAwait(false))
        {
            var rows = await db.WebhookDeliveries.AsNoTracking()
                .Where(d => d.Status == WebhookDeliveryStatus.Pending && (d.NextAttemptAt == null || d.NextAttemptAt <= now))
                .OrderBy(d => d.NextAttemptAt).ThenBy(d => d.Id)
                .Select(d => new DueDelivery(d.Id, d.Attempts, d.Payload, d.Webhook!.Url, d.Webhook.Secret))
                .Take(limit)
                .ToListAsync(cancellationToken).ConfigureAwait(false);
            lock (inFlightGate)
            {
                return rows.Where(r => inFlight.Add(r.Id)).ToList();
            }
        }
    }

    private async Task DeliverAsync(DueDelivery delivery, SemaphoreSlim slots, CancellationToken cancellationToken)
    {
        try
        {
            var attempt = delivery.Attempts + 1;
            var result = await sender.SendAsync(delivery.Url, delivery.Secret, delivery.Payload, cancellationToken).ConfigureAwait(false);
            await RecordAsync(delivery.Id, attempt, result, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Shutting down: the row stays pending and due, so the next start sends it.
        }
        catch (Exception ex)
        {
            LogDeliveryFailed(logger, delivery.Id, ex);
        }
        finally
        {
            lock (inFlightGate)
            {
                inFlight.Remove(delivery.Id);
            }

            slots.Release();
        }
    }

    private async Task RecordAsync(long id, int attempt, WebhookSendResult result, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var now = time.GetUtcNow().UtcDateTime;
        var final = result.Delivered || result.Permanent || attempt >= settings.MaxAttempts;
        var status = result.Delivered ? WebhookDeliveryStatus.Delivered : final ? WebhookDeliveryStatus.DeadLetter : WebhookDeliveryStatus.Pending;
        DateTime? next = final ? null : now + (settings.RetryDelay * Math.Pow(2, attempt - 1));
        DateTime? deliveredOn = result.Delivered ? now : null;
        metrics.WebhookAttempt(result.Delivered ? "delivered" : final ? "dead_letter" : "retry");

        var db = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        await using (db.ConfigureAwait(false))
        {
            await db.WebhookDeliveries.Where(d => d.Id == id).ExecuteUpdateAsync(
                s => s.SetProperty(d => d.Attempts, attempt)
                    .SetProperty(d => d.ResponseCode, result.ResponseCode)
                    .SetProperty(d => d.LastError, result.Error)
                    .SetProperty(d => d.Status, status)
                    .SetProperty(d => d.NextAttemptAt, next)
                    .SetProperty(d => d.DeliveredOn, deliveredOn),
                cancellationToken).ConfigureAwait(false);
        }

        if (next is not null)
        {
            LogRetry(logger, id, attempt, result.Error);
        }
        else if (!result.Delivered)
        {
            LogDeadLetter(logger, id, attempt, result.Error);
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "The webhook dispatcher loop failed; it retries.")]
    private static partial void LogLoopFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "Webhook delivery {DeliveryId} could not be recorded; it stays due.")]
    private static partial void LogDeliveryFailed(ILogger logger, long deliveryId, Exception exception);

    [LoggerMessage(Level = LogLevel.Information, Message = "Webhook delivery {DeliveryId} attempt {Attempt} failed ({Error}); retrying later.")]
    private static partial void LogRetry(ILogger logger, long deliveryId, int attempt, string? error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Webhook delivery {DeliveryId} dead-lettered after attempt {Attempt}: {Error}.")]
    private static partial void LogDeadLetter(ILogger logger, long deliveryId, int attempt, string? error);

    private sealed record DueDelivery(long Id, int Attempts, string Payload, string Url, string? Secret);
}
