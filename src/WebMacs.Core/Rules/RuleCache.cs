using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using WebMacs.Domain;
using WebMacs.Ingestion;
using WebMacs.Persistence;

namespace WebMacs.Rules;

/// <summary>An enabled rule as the engine keeps it in memory.</summary>
internal sealed class CachedRule
{
    public int Id { get; init; }

    public int EventId { get; init; }

    public required string Name { get; init; }

    public required string EventName { get; init; }

    public RuleOperator Operator { get; init; }

    public double Threshold { get; init; }

    public double? ThresholdHigh { get; init; }

    public RuleActionType ActionType { get; init; }

    public WebhookEventType WebhookEventType { get; init; }

    public int CooldownSeconds { get; init; }

    public int UserId { get; init; }

    public DateTime? LastTriggeredAt { get; set; }

    /// <summary>Tells whether the rule fired less than its cooldown ago (a cheap pre-check; the database decides).</summary>
    public bool InCooldown(DateTime now) => LastTriggeredAt is { } last && (now - last).TotalSeconds < CooldownSeconds;
}

/// <summary>
/// The enabled rules by event id, reloaded when EF Core wrote to rules or events in this process
/// (<see cref="DataVersions"/>) and otherwise after <see cref="IngestionOptions.CacheRefreshInterval"/>.
/// </summary>
internal sealed class RuleCache : IDisposable
{
    private readonly IDbContextFactory<WebMacsDbContext> contexts;
    private readonly VersionedCache<IReadOnlyDictionary<int, CachedRule[]>> cache;

    public RuleCache(IDbContextFactory<WebMacsDbContext> contexts, DataVersions versions, TimeProvider time, IOptions<IngestionOptions> options, ILogger<RuleCache> logger)
    {
        this.contexts = contexts;
        cache = new VersionedCache<IReadOnlyDictionary<int, CachedRule[]>>(versions, CachedData.Rules, time, () => options.Value.CacheRefreshInterval, LoadAsync, logger);
    }

    public ValueTask<IReadOnlyDictionary<int, CachedRule[]>> GetAsync(CancellationToken cancellationToken) => cache.GetAsync(cancellationToken);

    public void Dispose() => cache.Dispose();

    private async Task<IReadOnlyDictionary<int, CachedRule[]>> LoadAsync(CancellationToken cancellationToken)
    {
        var db = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        await using (db.ConfigureAwait(false))
        {
            var rows = await db.Rules.AsNoTracking().Where(r => r.Enabled)
                .Select(r => new { Rule = r, EventName = r.Event!.Name })
                .ToListAsync(cancellationToken).ConfigureAwait(false);
            return rows
                .Select(r => new CachedRule
                {
                    Id = r.Rule.Id,
                    EventId = r.Rule.EventId,
                    Name = r.Rule.Name,
                    EventName = r.EventName,
                    Operator = r.Rule.Operator,
                    Threshold = r.Rule.Threshold,
                    ThresholdHigh = r.Rule.ThresholdHigh,
                    ActionType = r.Rule.ActionType,
                    WebhookEventType = r.Rule.WebhookEventType is { } type && WireEnum<WebhookEventType>.TryParse(type, out var parsed)
                        ? parsed
                        : WebhookEventType.SensorThresholdExceeded,
                    CooldownSeconds = r.Rule.CooldownSeconds,
                    UserId = r.Rule.UserId,
                    LastTriggeredAt = r.Rule.LastTriggeredAt,
                })
                .GroupBy(r => r.EventId)
                .ToDictionary(g => g.Key, g => g.ToArray());
        }
    }
}
