using Microsoft.EntityFrameworkCore;
using WebMacs.AspNetCore.Tests.Support;
using WebMacs.Domain;
using WebMacs.Testing.Hosting;

namespace WebMacs.AspNetCore.Tests.Events;

/// <summary>Arranges events, experiments, datapoints and rules directly through the host's own database context.</summary>
internal static class TestData
{
    public static string UniqueName(string prefix) => $"{prefix} {Guid.NewGuid():N}"[..(prefix.Length + 13)];

    public static async Task<Event> InsertEventAsync(this WebMacsTestHost host, string? name = null, string unit = "°C", int? ownerId = null)
    {
        var owner = ownerId ?? await host.GetUserIdAsync(WebMacsTestHost.AdminEmail);
        return await host.WithDbAsync(async db =>
        {
            var entity = new Event { Name = name ?? UniqueName("event"), MinValue = 0, MaxValue = 100, Unit = unit, Type = EventType.Sensor, UserId = owner };
            db.Events.Add(entity);
            await db.SaveChangesAsync(TestContext.Current.CancellationToken);
            return entity;
        });
    }

    public static async Task<Experiment> InsertExperimentAsync(this WebMacsTestHost host, string? name = null, int? ownerId = null)
    {
        var owner = ownerId ?? await host.GetUserIdAsync(WebMacsTestHost.AdminEmail);
        return await host.WithDbAsync(async db =>
        {
            var entity = new Experiment { Name = name ?? UniqueName("experiment"), StartedOn = DateTime.UtcNow, UserId = owner };
            db.Experiments.Add(entity);
            await db.SaveChangesAsync(TestContext.Current.CancellationToken);
            return entity;
        });
    }

    /// <summary>Inserts datapoints in the given order and returns them with their ids.</summary>
    public static Task<List<Datapoint>> InsertDatapointsAsync(this WebMacsTestHost host, int eventId, int? experimentId, params (DateTime Timestamp, double Value)[] points) =>
        host.WithDbAsync(async db =>
        {
            var rows = points.Select(p => new Datapoint { EventId = eventId, ExperimentId = experimentId, Timestamp = p.Timestamp, Value = p.Value }).ToList();
            foreach (var row in rows)
            {
                // One at a time, so ids follow the order given.
                db.Datapoints.Add(row);
                await db.SaveChangesAsync(TestContext.Current.CancellationToken);
            }

            return rows;
        });

    public static async Task<Rule> InsertRuleAsync(this WebMacsTestHost host, int eventId)
    {
        var owner = await host.GetUserIdAsync(WebMacsTestHost.AdminEmail);
        return await host.WithDbAsync(async db =>
        {
            var rule = new Rule { Name = UniqueName("rule"), EventId = eventId, Operator = RuleOperator.Gt, Threshold = 1, ActionType = RuleActionType.Log, UserId = owner, CreatedOn = DateTime.UtcNow };
            db.Rules.Add(rule);
            await db.SaveChangesAsync(TestContext.Current.CancellationToken);
            return rule;
        });
    }

    public static Task<Guid> GetUserPublicIdAsync(this WebMacsTestHost host, int userId) =>
        host.WithDbAsync(db => db.Users.Where(u => u.Id == userId).Select(u => u.PublicId).SingleAsync(TestContext.Current.CancellationToken));

    public static Task<Event?> FindEventByNameAsync(this WebMacsTestHost host, string name) =>
        host.WithDbAsync(db => db.Events.AsNoTracking().FirstOrDefaultAsync(e => e.Name == name, TestContext.Current.CancellationToken));

    public static Task<Event?> FindEventAsync(this WebMacsTestHost host, Guid publicId) =>
        host.WithDbAsync(db => db.Events.AsNoTracking().FirstOrDefaultAsync(e => e.PublicId == publicId, TestContext.Current.CancellationToken));

    public static Task<Experiment?> FindExperimentByNameAsync(this WebMacsTestHost host, string name) =>
        host.WithDbAsync(db => db.Experiments.AsNoTracking().FirstOrDefaultAsync(e => e.Name == name, TestContext.Current.CancellationToken));

    public static Task<Experiment?> FindExperimentAsync(this WebMacsTestHost host, Guid publicId) =>
        host.WithDbAsync(db => db.Experiments.AsNoTracking().FirstOrDefaultAsync(e => e.PublicId == publicId, TestContext.Current.CancellationToken));

    public static Task<int> CountDatapointsAsync(this WebMacsTestHost host, int? eventId = null, int? experimentId = null) =>
        host.WithDbAsync(db => db.Datapoints.CountAsync(
            d => (eventId == null || d.EventId == eventId) && (experimentId == null || d.ExperimentId == experimentId), TestContext.Current.CancellationToken));

    public static Task<int> CountAsync<T>(this WebMacsTestHost host) where T : class =>
        host.WithDbAsync(db => db.Set<T>().CountAsync(TestContext.Current.CancellationToken));
}
