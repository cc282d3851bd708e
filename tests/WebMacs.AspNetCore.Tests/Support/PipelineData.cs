using Microsoft.EntityFrameworkCore;
using WebMacs.AspNetCore.Tests.Datapoints;
using WebMacs.Domain;
using WebMacs.Testing.Hosting;
using static WebMacs.AspNetCore.Tests.Support.Http;

namespace WebMacs.AspNetCore.Tests.Support;

/// <summary>Arranges rules and webhooks through the host's database and ingests over the REST batch route.</summary>
internal static class PipelineData
{
    public const string BatchPath = "/api/v1/datapoints/batch";

    /// <summary>Inserts a rule owned by the seeded administrator.</summary>
    public static async Task<Rule> InsertRuleAsync(
        this WebMacsTestHost host,
        TestEvent on,
        RuleOperator op,
        double threshold,
        double? high = null,
        RuleActionType action = RuleActionType.Log,
        int cooldownSeconds = 0,
        bool enabled = true,
        string? webhookEventType = null,
        string? name = null)
    {
        var adminId = await host.GetUserIdAsync(WebMacsTestHost.AdminEmail);
        return await host.WithDbAsync(async db =>
        {
            var rule = new Rule
            {
                Name = name ?? $"rule-{Guid.NewGuid():N}",
                EventId = on.Id,
                Operator = op,
                Threshold = threshold,
                ThresholdHigh = high,
                ActionType = action,
                WebhookEventType = webhookEventType,
                Enabled = enabled,
                CooldownSeconds = cooldownSeconds,
                CreatedOn = DateTime.UtcNow,
                UserId = adminId,
            };
            db.Rules.Add(rule);
            await db.SaveChangesAsync(Ct);
            return rule;
        });
    }

    public static Task<Rule> FindRuleAsync(this WebMacsTestHost host, int id) =>
        host.WithDbAsync(db => db.Rules.AsNoTracking().SingleAsync(r => r.Id == id, Ct));

    /// <summary>Gets the content of every log entry that names <paramref name="rule"/>.</summary>
    public static async Task<List<LogEntry>> LogEntriesOfAsync(this WebMacsTestHost host, Rule rule)
    {
        var quoted = $"Rule '{rule.Name}'";
        var all = await host.WithDbAsync(db => db.LogEntries.AsNoTracking().OrderBy(l => l.Id).ToListAsync(Ct));
        return [.. all.Where(l => l.Content.StartsWith(quoted, StringComparison.Ordinal))];
    }

    /// <summary>Posts the values to POST /datapoints/batch (which answers after the commit) and fails unless it succeeded.</summary>
    public static async Task PostBatchAsync(this HttpClient client, params (double Value, TestEvent Event)[] items)
    {
        var body = "{\"datapoints\": [" + string.Join(", ", items.Select(i =>
            $"{{\"value\": {i.Value.ToString("R", System.Globalization.CultureInfo.InvariantCulture)}, \"event_public_id\": \"{i.Event.Public}\"}}")) + "]}";
        using var response = await client.PostRawJsonAsync(BatchPath, body);
        Assert.True(response.IsSuccessStatusCode, $"POST batch answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(Ct)}");
    }

    /// <summary>Creates an operator and returns a client with its token.</summary>
    public static async Task<HttpClient> OperatorClientAsync(this WebMacsTestHost host) =>
        host.CreateClient((await host.CreateUserAsync(UserRole.Operator)).Token);
}
