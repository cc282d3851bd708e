using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using WebMacs.Common;
using WebMacs.Domain;
using WebMacs.Ingestion;
using WebMacs.Persistence;
using WebMacs.Webhooks;

namespace WebMacs.Rules;

/// <summary>
/// Evaluates the enabled rules (reference §6.2 with the compat decisions) on the last committed value of each event,
/// off the writer's critical path. Matching happens in memory against cached rules; only a rule that matches and is
/// out of its cooldown touches the database: the atomic conditional update of <c>last_triggered_at</c> decides (so
/// several hosts never fire one rule twice), then the action — outbox deliveries for <c>webhook</c>, a warning log
/// entry for <c>log</c> — commits in the same unit of work.
/// </summary>
internal sealed partial class RuleEngine(
    RuleCache cache,
    IServiceScopeFactory scopes,
    WebhookSignal signal,
    IngestionMetrics metrics,
    TimeProvider time,
    ILogger<RuleEngine> logger) : ICommittedDataObserver
{
    public async ValueTask OnCommittedAsync(IReadOnlyList<LatestValue> latest, CancellationToken cancellationToken)
    {
        var rules = await cache.GetAsync(cancellationToken).ConfigureAwait(false);
        if (rules.Count == 0)
        {
            return;
        }

        var now = time.GetUtcNow().UtcDateTime;
        List<(CachedRule Rule, LatestValue Value)>? due = null;
        foreach (var value in latest)
        {
            if (!rules.TryGetValue(value.EventId, out var candidates))
            {
                continue;
            }

            foreach (var rule in candidates)
            {
                if (RuleCondition.Matches(rule.Operator, value.Value, rule.Threshold, rule.ThresholdHigh) && !rule.InCooldown(now))
                {
                    (due ??= []).Add((rule, value));
                }
            }
        }

        if (due is null)
        {
            return;
        }

        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<WebMacsDbContext>();
        var outbox = scope.ServiceProvider.GetRequiredService<WebhookOutbox>();
        var webhooks = 0;
        foreach (var (rule, value) in due)
        {
            if (!await ClaimAsync(db, rule, now, cancellationToken).ConfigureAwait(false))
            {
                continue;
            }

            rule.LastTriggeredAt = now;
            LogTriggered(logger, rule.Name, value.EventPublicId, value.Value);
            metrics.RuleTriggered(WireEnum<RuleActionType>.ToWire(rule.ActionType));
            if (rule.ActionType == RuleActionType.Webhook)
            {
                webhooks += await outbox.EnqueueAsync(rule.WebhookEventType, Payload(rule, value), cancellationToken).ConfigureAwait(false);
            }
            else
            {
                db.LogEntries.Add(new LogEntry
                {
                    Content = Describe(rule, value),
                    LoggingType = LoggingType.Warning,
                    CreatedOn = now,
                    UserId = rule.UserId,
                });
            }
        }

        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        if (webhooks > 0)
        {
            signal.Notify();
        }
    }

    /// <summary>Writes <c>last_triggered_at</c> only if it is unset or older than the cooldown; false when another evaluation won.</summary>
    private static async Task<bool> ClaimAsync(WebMacsDbContext db, CachedRule rule, DateTime now, CancellationToken cancellationToken)
    {
        var cutoff = now.AddSeconds(-rule.CooldownSeconds);
        var updated = await db.Rules
            .Where(r => r.Id == rule.Id && r.Enabled && (r.LastTriggeredAt == null || r.LastTriggeredAt <= cutoff))
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.LastTriggeredAt, now), cancellationToken)
            .ConfigureAwait(false);
        return updated == 1;
    }

    private static KeyValuePair<string, object?>[] Payload(CachedRule rule, LatestValue value) =>
    [
        new("sensor", value.EventPublicId.ToString()),
        new("value", value.Value),
        new("rule", rule.Name),
        new("operator", WireEnum<RuleOperator>.ToWire(rule.Operator)),
        new("threshold", rule.Threshold),
    ];

    private static string Describe(CachedRule rule, LatestValue value)
    {
        var condition = rule.ThresholdHigh is { } high && rule.Operator is RuleOperator.Between or RuleOperator.NotBetween
            ? $"{WireEnum<RuleOperator>.ToWire(rule.Operator)} {PythonFloat.Format(rule.Threshold)}..{PythonFloat.Format(high)}"
            : $"{WireEnum<RuleOperator>.ToWire(rule.Operator)} {PythonFloat.Format(rule.Threshold)}";
        var text = $"Rule '{rule.Name}' triggered: event '{rule.EventName}' ({value.EventPublicId}) value {PythonFloat.Format(value.Value)} ({condition}).";
        return text.Length <= 500 ? text : text[..500];
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Rule triggered: {Rule} on event {EventPublicId} with value {Value}.")]
    private static partial void LogTriggered(ILogger logger, string rule, Guid eventPublicId, double value);
}
