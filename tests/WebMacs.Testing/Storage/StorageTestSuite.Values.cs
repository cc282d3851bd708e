using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using WebMacs.Domain;
using WebMacs.Health;
using Xunit;

namespace WebMacs.Testing.Storage;

// Values as they go in and come out: UTC times with microseconds, enum wire strings, doubles, and the health
// report's view of the newest datapoint.
public abstract partial class StorageTestSuite
{
    // 2026-03-14T09:26:53.123456Z: microsecond precision is what PostgreSQL keeps, so the test asks no more.
    private static readonly DateTime Precise = new DateTime(2026, 3, 14, 9, 26, 53, DateTimeKind.Utc).AddTicks(1_234_560);

    [Fact]
    public async Task SaveChanges_UtcTimesWithMicroseconds_RoundTripAsUtc()
    {
        var (ownerId, eventId, _) = await CreateOwnerAsync();
        long datapointId;
        int experimentId, tokenId;
        await using (var db = NewContext())
        {
            var datapoint = new Datapoint { EventId = eventId, Timestamp = Precise, Value = 1 };
            var experiment = new Experiment { Name = "times", StartedOn = Precise, StoppedOn = Precise.AddDays(1).AddTicks(10), UserId = ownerId };
            var token = new ApiToken { Name = "times", TokenHash = new string('a', 64), CreatedAt = Precise, ExpiresAt = Precise.AddYears(1), UserId = ownerId };
            db.AddRange(datapoint, experiment, token);
            await db.SaveChangesAsync(Ct);
            (datapointId, experimentId, tokenId) = (datapoint.Id, experiment.Id, token.Id);
        }

        await using (var db = NewContext())
        {
            var datapoint = await db.Datapoints.SingleAsync(d => d.Id == datapointId, Ct);
            var experiment = await db.Experiments.SingleAsync(e => e.Id == experimentId, Ct);
            var token = await db.ApiTokens.SingleAsync(t => t.Id == tokenId, Ct);
            AssertUtc(Precise, datapoint.Timestamp);
            AssertUtc(Precise, experiment.StartedOn);
            AssertUtc(Precise.AddDays(1).AddTicks(10), experiment.StoppedOn);
            AssertUtc(Precise, token.CreatedAt);
            AssertUtc(Precise.AddYears(1), token.ExpiresAt);
        }
    }

    [Fact]
    public async Task Query_DatapointsOrderedAndFilteredByTimestamp_FollowTimeNotInsertionOrder()
    {
        var (_, eventId, _) = await CreateOwnerAsync();
        // Inserted out of order; neighbours differ by one microsecond, one second, one day and one year.
        DateTime[] times =
        [
            Precise.AddDays(1), Precise, Precise.AddYears(-1), Precise.AddTicks(10), Precise.AddSeconds(1), Precise.AddTicks(-10),
        ];
        await using (var db = NewContext())
        {
            db.Datapoints.AddRange(times.Select((t, i) => new Datapoint { EventId = eventId, Timestamp = t, Value = i }));
            await db.SaveChangesAsync(Ct);
        }

        await using (var db = NewContext())
        {
            var ascending = await db.Datapoints.Where(d => d.EventId == eventId).OrderBy(d => d.Timestamp).Select(d => d.Timestamp).ToListAsync(Ct);
            Assert.Equal(times.Order(), ascending);

            var newest = await db.Datapoints.Where(d => d.EventId == eventId).OrderByDescending(d => d.Timestamp).FirstAsync(Ct);
            Assert.Equal(Precise.AddDays(1), newest.Timestamp);

            var from = Precise;
            var to = Precise.AddSeconds(1);
            var window = await db.Datapoints.Where(d => d.EventId == eventId && d.Timestamp >= from && d.Timestamp < to)
                .OrderBy(d => d.Timestamp).Select(d => d.Timestamp).ToListAsync(Ct);
            Assert.Equal([Precise, Precise.AddTicks(10)], window);
        }
    }

    [Fact]
    public async Task SaveChanges_EnumValues_AreStoredAsWireStrings()
    {
        var (ownerId, eventId, instanceId) = await CreateOwnerAsync();
        var now = Time.GetUtcNow().UtcDateTime;
        await using (var db = NewContext())
        {
            var webhook = new Webhook { Url = "https://hooks.example.test/enum", CreatedOn = now, UserId = ownerId };
            var dashboard = new Dashboard { Name = "enums", CreatedOn = now, UserId = ownerId };
            db.AddRange(webhook, dashboard);
            await db.SaveChangesAsync(Ct);
            db.AddRange(
                new Event { Name = "button", Unit = "", Type = EventType.CmdButton, UserId = ownerId },
                new WebhookDelivery { WebhookId = webhook.Id, EventType = "sensor.threshold_exceeded", Payload = "{}", Status = WebhookDeliveryStatus.DeadLetter, CreatedOn = now },
                new Rule { Name = "band", EventId = eventId, Operator = RuleOperator.NotBetween, Threshold = 1, ThresholdHigh = 2, ActionType = RuleActionType.Webhook, CreatedOn = now, UserId = ownerId },
                new FirmwareUpdate { Version = "2.0.0", Status = UpdateStatus.RolledBack, CreatedOn = now, UserId = ownerId },
                new DashboardWidget { DashboardId = dashboard.Id, WidgetType = WidgetType.ActuatorToggle, Title = "valve" },
                new ChannelMapping { PluginInstanceId = instanceId, ChannelId = "do_1", ChannelName = "Valve", Direction = ChannelDirection.Bidirectional, Unit = "", CreatedOn = now });
            await db.SaveChangesAsync(Ct);
        }

        Assert.Equal("cmd_button", await QueryStringAsync("SELECT type FROM events WHERE name = 'button'"));
        Assert.Equal("dead_letter", await QueryStringAsync("SELECT status FROM webhook_deliveries"));
        Assert.Equal("not_between", await QueryStringAsync("SELECT operator FROM rules"));
        Assert.Equal("webhook", await QueryStringAsync("SELECT action_type FROM rules"));
        Assert.Equal("rolled_back", await QueryStringAsync("SELECT status FROM firmware_updates"));
        Assert.Equal("actuator_toggle", await QueryStringAsync("SELECT widget_type FROM dashboard_widgets"));
        Assert.Equal("bidirectional", await QueryStringAsync("SELECT direction FROM channel_mappings"));
        Assert.Equal("inactive", await QueryStringAsync("SELECT status FROM plugin_instances"));

        await using (var db = NewContext())
        {
            Assert.Equal(EventType.CmdButton, await db.Events.Where(e => e.Name == "button").Select(e => e.Type).SingleAsync(Ct));
            Assert.Equal(WebhookDeliveryStatus.DeadLetter, await db.WebhookDeliveries.Select(d => d.Status).SingleAsync(Ct));
            Assert.Equal(1, await db.WebhookDeliveries.CountAsync(d => d.Status == WebhookDeliveryStatus.DeadLetter, Ct));
            Assert.Equal(RuleOperator.NotBetween, await db.Rules.Select(r => r.Operator).SingleAsync(Ct));
        }
    }

    [Fact]
    public async Task SaveChanges_ExtremeDoubles_RoundTripExactly()
    {
        var (_, eventId, _) = await CreateOwnerAsync();
        double[] values = [0.0, double.Epsilon, 2.2250738585072014e-308, 1e-300, 0.1, -273.15, Math.PI, 1e15 + 0.5, 1e300, double.MaxValue, -double.MaxValue];
        await using (var db = NewContext())
        {
            db.Datapoints.AddRange(values.Select((v, i) => new Datapoint { EventId = eventId, Timestamp = Precise.AddSeconds(i), Value = v }));
            await db.SaveChangesAsync(Ct);
        }

        await using (var db = NewContext())
        {
            var stored = await db.Datapoints.Where(d => d.EventId == eventId).OrderBy(d => d.Timestamp).Select(d => d.Value).ToListAsync(Ct);
            Assert.Equal(values.Select(BitConverter.DoubleToInt64Bits), stored.Select(BitConverter.DoubleToInt64Bits));
        }
    }

    [Fact]
    public async Task CheckAsync_EmptyDatapointTable_ReportsOkWithoutLastDatapoint()
    {
        var report = await InScopeAsync(sp => sp.GetRequiredService<HealthService>().CheckAsync(Ct));

        Assert.Equal("ok", report.Status);
        Assert.Equal("ok", report.Database);
        Assert.Equal("2.0.0", report.Version);
        Assert.Null(report.LastDatapoint);
    }

    [Fact]
    public async Task CheckAsync_WithDatapoints_ReportsTimestampOfNewestRowAndUptime()
    {
        var (_, eventId, _) = await CreateOwnerAsync();
        await using (var db = NewContext())
        {
            db.Datapoints.AddRange(
                new Datapoint { EventId = eventId, Timestamp = Precise.AddMinutes(-2), Value = 1 },
                new Datapoint { EventId = eventId, Timestamp = Precise.AddMinutes(-1), Value = 2 });
            await db.SaveChangesAsync(Ct);
            db.Datapoints.Add(new Datapoint { EventId = eventId, Timestamp = Precise, Value = 3 });
            await db.SaveChangesAsync(Ct);
        }

        Time.Advance(TimeSpan.FromSeconds(90));
        var report = await InScopeAsync(sp => sp.GetRequiredService<HealthService>().CheckAsync(Ct));

        Assert.Equal("ok", report.Status);
        Assert.Equal("ok", report.Database);
        AssertUtc(Precise, report.LastDatapoint);
        Assert.Equal(90.0, report.UptimeSeconds);
    }

    private static void AssertUtc(DateTime expected, DateTime? actual)
    {
        Assert.NotNull(actual);
        Assert.Equal(DateTimeKind.Utc, actual.Value.Kind);
        Assert.Equal(expected.Ticks, actual.Value.Ticks);
    }
}
