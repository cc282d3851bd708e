using Microsoft.EntityFrameworkCore;
using WebMacs.Domain;
using WebMacs.Persistence;
using WebMacs.Security;
using Xunit;

namespace WebMacs.Testing.Storage;

/// <summary>
/// One user with a row in every table that hangs off a user (reference §2.2), for the deletion tests: an event
/// with datapoints and a rule, an experiment with datapoints, a log entry, an API token, a webhook with a delivery,
/// a dashboard with a widget on the event, a plugin instance with a mapping to the event, a firmware record and a
/// plugin package.
/// </summary>
internal sealed class StorageWorld
{
    public int UserId { get; private init; }
    public int EventId { get; private init; }
    public int ExperimentId { get; private init; }
    public long ExperimentDatapointId { get; private init; }
    public long LooseDatapointId { get; private init; }
    public int RuleId { get; private init; }
    public int LogEntryId { get; private init; }
    public int ApiTokenId { get; private init; }
    public int WebhookId { get; private init; }
    public long DeliveryId { get; private init; }
    public int DashboardId { get; private init; }
    public int WidgetId { get; private init; }
    public int PluginInstanceId { get; private init; }
    public int MappingId { get; private init; }
    public int FirmwareId { get; private init; }
    public int PackageId { get; private init; }

    /// <summary>Creates a user named <paramref name="name"/> and its rows; names are unique per <paramref name="name"/>.</summary>
    public static async Task<StorageWorld> CreateAsync(WebMacsDbContext db, string name, DateTime now, CancellationToken cancellationToken)
    {
        var user = new User { Email = $"{name}@webmacs.test", Username = name, PasswordHash = "$2b$12$not-a-real-hash", Role = UserRole.Operator, RegisteredOn = now };
        db.Users.Add(user);
        await db.SaveChangesAsync(cancellationToken);

        var ev = new Event { Name = $"{name}-temperature", Unit = "°C", MinValue = -40, MaxValue = 125, Type = EventType.Sensor, UserId = user.Id };
        var experiment = new Experiment { Name = $"{name}-run", StartedOn = now, UserId = user.Id };
        var webhook = new Webhook { Url = $"https://hooks.example.test/{name}", Events = "[\"sensor.reading\"]", CreatedOn = now, UserId = user.Id };
        var dashboard = new Dashboard { Name = $"{name}-board", CreatedOn = now, UserId = user.Id };
        var instance = new PluginInstance { PluginId = "simulated", InstanceName = $"{name}-sim", CreatedOn = now, UpdatedOn = now, UserId = user.Id };
        var log = new LogEntry { Content = $"{name} did something.", CreatedOn = now, UserId = user.Id };
        var token = new ApiToken { Name = $"{name}-token", TokenHash = TokenHash.Sha256Hex($"wm_{name}_world_token"), CreatedAt = now, UserId = user.Id };
        var firmware = new FirmwareUpdate { Version = $"1.0.0-{name}", CreatedOn = now, UserId = user.Id };
        var package = new PluginPackage { PackageName = $"webmacs-plugin-{name}", Version = "1.0.0", Source = PluginSource.Uploaded, InstalledOn = now, UserId = user.Id };
        db.AddRange(ev, experiment, webhook, dashboard, instance, log, token, firmware, package);
        await db.SaveChangesAsync(cancellationToken);

        var inExperiment = new Datapoint { EventId = ev.Id, ExperimentId = experiment.Id, Timestamp = now, Value = 21.5 };
        var loose = new Datapoint { EventId = ev.Id, Timestamp = now.AddSeconds(1), Value = 22.5 };
        var rule = new Rule { Name = $"{name}-too-hot", EventId = ev.Id, Operator = RuleOperator.Gt, Threshold = 80, ActionType = RuleActionType.Log, CreatedOn = now, UserId = user.Id };
        var delivery = new WebhookDelivery { WebhookId = webhook.Id, EventType = "sensor.reading", Payload = "{}", CreatedOn = now };
        var widget = new DashboardWidget { DashboardId = dashboard.Id, WidgetType = WidgetType.LineChart, Title = $"{name} temperature", EventId = ev.Id };
        var mapping = new ChannelMapping { PluginInstanceId = instance.Id, ChannelId = "temp_1", ChannelName = "Temperature 1", Direction = ChannelDirection.Input, Unit = "°C", EventId = ev.Id, CreatedOn = now };
        db.AddRange(inExperiment, loose, rule, delivery, widget, mapping);
        await db.SaveChangesAsync(cancellationToken);

        return new StorageWorld
        {
            UserId = user.Id,
            EventId = ev.Id,
            ExperimentId = experiment.Id,
            ExperimentDatapointId = inExperiment.Id,
            LooseDatapointId = loose.Id,
            RuleId = rule.Id,
            LogEntryId = log.Id,
            ApiTokenId = token.Id,
            WebhookId = webhook.Id,
            DeliveryId = delivery.Id,
            DashboardId = dashboard.Id,
            WidgetId = widget.Id,
            PluginInstanceId = instance.Id,
            MappingId = mapping.Id,
            FirmwareId = firmware.Id,
            PackageId = package.Id,
        };
    }

    /// <summary>Asserts that every row of this world still exists with its references unchanged.</summary>
    public async Task AssertIntactAsync(WebMacsDbContext db, CancellationToken cancellationToken)
    {
        Assert.True(await db.Users.AnyAsync(x => x.Id == UserId, cancellationToken), "user");
        Assert.True(await db.Events.AnyAsync(x => x.Id == EventId && x.UserId == UserId, cancellationToken), "event");
        Assert.True(await db.Experiments.AnyAsync(x => x.Id == ExperimentId, cancellationToken), "experiment");
        Assert.True(await db.Datapoints.AnyAsync(x => x.Id == ExperimentDatapointId && x.ExperimentId == ExperimentId, cancellationToken), "experiment datapoint");
        Assert.True(await db.Datapoints.AnyAsync(x => x.Id == LooseDatapointId, cancellationToken), "datapoint");
        Assert.True(await db.Rules.AnyAsync(x => x.Id == RuleId, cancellationToken), "rule");
        Assert.True(await db.LogEntries.AnyAsync(x => x.Id == LogEntryId, cancellationToken), "log entry");
        Assert.True(await db.ApiTokens.AnyAsync(x => x.Id == ApiTokenId, cancellationToken), "API token");
        Assert.True(await db.Webhooks.AnyAsync(x => x.Id == WebhookId, cancellationToken), "webhook");
        Assert.True(await db.WebhookDeliveries.AnyAsync(x => x.Id == DeliveryId, cancellationToken), "delivery");
        Assert.True(await db.Dashboards.AnyAsync(x => x.Id == DashboardId, cancellationToken), "dashboard");
        Assert.True(await db.DashboardWidgets.AnyAsync(x => x.Id == WidgetId && x.EventId == EventId, cancellationToken), "widget");
        Assert.True(await db.PluginInstances.AnyAsync(x => x.Id == PluginInstanceId, cancellationToken), "plugin instance");
        Assert.True(await db.ChannelMappings.AnyAsync(x => x.Id == MappingId && x.EventId == EventId, cancellationToken), "channel mapping");
        Assert.True(await db.FirmwareUpdates.AnyAsync(x => x.Id == FirmwareId && x.UserId == UserId, cancellationToken), "firmware update");
        Assert.True(await db.PluginPackages.AnyAsync(x => x.Id == PackageId && x.UserId == UserId, cancellationToken), "plugin package");
    }
}
