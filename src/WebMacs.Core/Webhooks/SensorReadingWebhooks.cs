using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using WebMacs.Domain;
using WebMacs.Ingestion;

namespace WebMacs.Webhooks;

/// <summary>
/// The <c>sensor.reading</c> webhooks of reference §6.1 step 5: at most one per event per
/// <see cref="WebhookOptions.SensorReadingInterval"/> (5 s), with the event's last committed value, queued in the
/// outbox. Nothing touches the database while no enabled webhook subscribes to <c>sensor.reading</c>.
/// </summary>
internal sealed class SensorReadingWebhooks(
    WebhookSubscriptions subscriptions,
    IServiceScopeFactory scopes,
    WebhookSignal signal,
    TimeProvider time,
    IOptions<WebhookOptions> options) : ICommittedDataObserver
{
    private readonly Dictionary<int, long> lastDispatch = [];

    public async ValueTask OnCommittedAsync(IReadOnlyList<LatestValue> latest, CancellationToken cancellationToken)
    {
        if (!await subscriptions.AnyAsync(WebhookEventType.SensorReading, cancellationToken).ConfigureAwait(false))
        {
            return;
        }

        var now = time.GetTimestamp();
        var interval = options.Value.SensorReadingInterval;
        List<LatestValue>? due = null;
        foreach (var value in latest)
        {
            if (!lastDispatch.TryGetValue(value.EventId, out var last) || time.GetElapsedTime(last, now) >= interval)
            {
                lastDispatch[value.EventId] = now;
                (due ??= []).Add(value);
            }
        }

        if (due is null)
        {
            return;
        }

        await using var scope = scopes.CreateAsyncScope();
        var outbox = scope.ServiceProvider.GetRequiredService<WebhookOutbox>();
        var queued = 0;
        foreach (var value in due)
        {
            queued += await outbox.EnqueueAsync(
                WebhookEventType.SensorReading,
                [new("sensor", value.EventPublicId.ToString()), new("value", value.Value)],
                cancellationToken).ConfigureAwait(false);
        }

        await scope.ServiceProvider.GetRequiredService<Persistence.WebMacsDbContext>().SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        if (queued > 0)
        {
            signal.Notify();
        }
    }
}
