using Microsoft.EntityFrameworkCore;
using WebMacs.AspNetCore.Tests.Support;
using WebMacs.Domain;
using WebMacs.Testing.Hosting;

namespace WebMacs.AspNetCore.Tests.Datapoints;

/// <summary>
/// Arranges telemetry rows directly through the host's database: events, the plugin linkage that gates ingestion
/// (a plugin instance with a channel mapping), experiments and datapoints with chosen timestamps.
/// </summary>
internal static class TelemetryData
{
    /// <summary>Inserts an event owned by the seeded administrator.</summary>
    public static async Task<TestEvent> CreateEventAsync(this WebMacsTestHost host, string? name = null)
    {
        var adminId = await host.GetUserIdAsync(WebMacsTestHost.AdminEmail);
        return await host.WithDbAsync(async db =>
        {
            var e = new Event { Name = name ?? $"event-{Guid.NewGuid():N}", MinValue = 0, MaxValue = 100, Unit = "°C", Type = EventType.Sensor, UserId = adminId };
            db.Events.Add(e);
            await db.SaveChangesAsync(TestContext.Current.CancellationToken);
            return new TestEvent(e.Id, e.PublicId);
        });
    }

    /// <summary>Maps the event by a channel of a new plugin instance (enabled or not); returns the instance id.</summary>
    public static async Task<int> LinkAsync(this WebMacsTestHost host, TestEvent linked, bool enabled = true)
    {
        var adminId = await host.GetUserIdAsync(WebMacsTestHost.AdminEmail);
        return await host.WithDbAsync(async db =>
        {
            var instance = new PluginInstance
            {
                PluginId = "simulated",
                InstanceName = $"instance-{Guid.NewGuid():N}",
                Enabled = enabled,
                CreatedOn = DateTime.UtcNow,
                UpdatedOn = DateTime.UtcNow,
                UserId = adminId,
            };
            instance.ChannelMappings.Add(new ChannelMapping
            {
                ChannelId = "temp",
                ChannelName = "Temperature",
                Direction = ChannelDirection.Input,
                Unit = "°C",
                EventId = linked.Id,
                CreatedOn = DateTime.UtcNow,
            });
            db.PluginInstances.Add(instance);
            await db.SaveChangesAsync(TestContext.Current.CancellationToken);
            return instance.Id;
        });
    }

    /// <summary>Creates an event that is linked to an enabled plugin instance, so ingestion accepts it.</summary>
    public static async Task<TestEvent> CreateLinkedEventAsync(this WebMacsTestHost host)
    {
        var created = await host.CreateEventAsync();
        await host.LinkAsync(created);
        return created;
    }

    public static Task SetInstanceEnabledAsync(this WebMacsTestHost host, int instanceId, bool enabled) =>
        host.WithDbAsync(db => db.PluginInstances.Where(p => p.Id == instanceId)
            .ExecuteUpdateAsync(s => s.SetProperty(p => p.Enabled, enabled), TestContext.Current.CancellationToken));

    /// <summary>Inserts datapoints as given and returns their ids in the same order.</summary>
    public static Task<long[]> InsertDatapointsAsync(this WebMacsTestHost host, params Datapoint[] rows) =>
        host.WithDbAsync(async db =>
        {
            db.Datapoints.AddRange(rows);
            await db.SaveChangesAsync(TestContext.Current.CancellationToken);
            return rows.Select(r => r.Id).ToArray();
        });

    /// <summary>Inserts a running experiment (stopped_on null) started at <paramref name="startedOn"/>.</summary>
    public static async Task<TestExperiment> StartExperimentAsync(this WebMacsTestHost host, DateTime startedOn)
    {
        var adminId = await host.GetUserIdAsync(WebMacsTestHost.AdminEmail);
        return await host.WithDbAsync(async db =>
        {
            var experiment = new Experiment { Name = $"experiment-{Guid.NewGuid():N}", StartedOn = startedOn, UserId = adminId };
            db.Experiments.Add(experiment);
            await db.SaveChangesAsync(TestContext.Current.CancellationToken);
            return new TestExperiment(experiment.Id, experiment.PublicId);
        });
    }

    public static Task StopExperimentAsync(this WebMacsTestHost host, TestExperiment experiment) =>
        host.WithDbAsync(db => db.Experiments.Where(e => e.Id == experiment.Id)
            .ExecuteUpdateAsync(s => s.SetProperty(e => e.StoppedOn, DateTime.UtcNow), TestContext.Current.CancellationToken));

    public static Task<List<Datapoint>> DatapointsOfAsync(this WebMacsTestHost host, TestEvent of) =>
        host.WithDbAsync(db => db.Datapoints.AsNoTracking().Where(d => d.EventId == of.Id).OrderBy(d => d.Id).ToListAsync(TestContext.Current.CancellationToken));

    public static Task<int> CountDatapointsAsync(this WebMacsTestHost host) =>
        host.WithDbAsync(db => db.Datapoints.CountAsync(TestContext.Current.CancellationToken));
}

/// <summary>An event a test inserted: its key and its public id.</summary>
internal sealed record TestEvent(int Id, Guid PublicId)
{
    public string Public => PublicId.ToString();
}

/// <summary>An experiment a test inserted.</summary>
internal sealed record TestExperiment(int Id, Guid PublicId);
