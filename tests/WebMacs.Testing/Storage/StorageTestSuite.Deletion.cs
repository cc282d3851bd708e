using Microsoft.EntityFrameworkCore;
using Xunit;

namespace WebMacs.Testing.Storage;

// Deletion semantics of reference §2.3. Each test builds two users with a row in every dependent table, deletes
// from one of them in a fresh context (so the store, not EF Core's change tracker, does the cascading) and checks
// what is gone, what is set to NULL and that the other user's rows are untouched.
public abstract partial class StorageTestSuite
{
    [Fact]
    public async Task DeleteUser_WithRowsInEveryTable_RemovesOwnedRowsAndNullsFirmwareAndPackageOwner()
    {
        var (alice, bob) = await CreateWorldsAsync();

        await DeleteAsync(db => db.Users.Where(u => u.Id == alice.UserId));

        await using var db = NewContext();
        Assert.False(await db.Users.AnyAsync(x => x.Id == alice.UserId, Ct));
        Assert.False(await db.Events.AnyAsync(x => x.Id == alice.EventId, Ct));
        Assert.False(await db.Datapoints.AnyAsync(x => x.Id == alice.ExperimentDatapointId || x.Id == alice.LooseDatapointId, Ct));
        Assert.False(await db.Rules.AnyAsync(x => x.Id == alice.RuleId, Ct));
        Assert.False(await db.Experiments.AnyAsync(x => x.Id == alice.ExperimentId, Ct));
        Assert.False(await db.LogEntries.AnyAsync(x => x.Id == alice.LogEntryId, Ct));
        Assert.False(await db.ApiTokens.AnyAsync(x => x.Id == alice.ApiTokenId, Ct));
        Assert.False(await db.Webhooks.AnyAsync(x => x.Id == alice.WebhookId, Ct));
        Assert.False(await db.WebhookDeliveries.AnyAsync(x => x.Id == alice.DeliveryId, Ct));
        Assert.False(await db.Dashboards.AnyAsync(x => x.Id == alice.DashboardId, Ct));
        Assert.False(await db.DashboardWidgets.AnyAsync(x => x.Id == alice.WidgetId, Ct));
        Assert.False(await db.PluginInstances.AnyAsync(x => x.Id == alice.PluginInstanceId, Ct));
        Assert.False(await db.ChannelMappings.AnyAsync(x => x.Id == alice.MappingId, Ct));

        var firmware = await db.FirmwareUpdates.SingleAsync(x => x.Id == alice.FirmwareId, Ct);
        Assert.Null(firmware.UserId);
        var package = await db.PluginPackages.SingleAsync(x => x.Id == alice.PackageId, Ct);
        Assert.Null(package.UserId);

        await bob.AssertIntactAsync(db, Ct);
        Assert.True(await db.LogEntries.AnyAsync(e => e.Content == StartupEntry, Ct), "the administrator's start-up entry");
    }

    [Fact]
    public async Task DeleteEvent_WithDependents_RemovesDatapointsAndRulesAndNullsWidgetAndMappingEvent()
    {
        var (alice, bob) = await CreateWorldsAsync();

        await DeleteAsync(db => db.Events.Where(e => e.Id == alice.EventId));

        await using var db = NewContext();
        Assert.False(await db.Datapoints.AnyAsync(x => x.EventId == alice.EventId, Ct));
        Assert.False(await db.Rules.AnyAsync(x => x.Id == alice.RuleId, Ct));

        var widget = await db.DashboardWidgets.SingleAsync(x => x.Id == alice.WidgetId, Ct);
        Assert.Null(widget.EventId);
        var mapping = await db.ChannelMappings.SingleAsync(x => x.Id == alice.MappingId, Ct);
        Assert.Null(mapping.EventId);

        Assert.True(await db.Users.AnyAsync(x => x.Id == alice.UserId, Ct));
        Assert.True(await db.Experiments.AnyAsync(x => x.Id == alice.ExperimentId, Ct));
        Assert.True(await db.Dashboards.AnyAsync(x => x.Id == alice.DashboardId, Ct));
        Assert.True(await db.PluginInstances.AnyAsync(x => x.Id == alice.PluginInstanceId, Ct));
        await bob.AssertIntactAsync(db, Ct);
    }

    [Fact]
    public async Task DeleteExperiment_WithDatapoints_RemovesItsDatapointsOnly()
    {
        var (alice, bob) = await CreateWorldsAsync();

        await DeleteAsync(db => db.Experiments.Where(e => e.Id == alice.ExperimentId));

        await using var db = NewContext();
        Assert.False(await db.Datapoints.AnyAsync(x => x.Id == alice.ExperimentDatapointId, Ct));
        Assert.True(await db.Datapoints.AnyAsync(x => x.Id == alice.LooseDatapointId, Ct), "a datapoint outside the experiment");
        Assert.True(await db.Events.AnyAsync(x => x.Id == alice.EventId, Ct));
        await bob.AssertIntactAsync(db, Ct);
    }

    [Fact]
    public async Task DeleteWebhook_WithDeliveries_RemovesDeliveries()
    {
        var (alice, bob) = await CreateWorldsAsync();

        await DeleteAsync(db => db.Webhooks.Where(w => w.Id == alice.WebhookId));

        await using var db = NewContext();
        Assert.False(await db.WebhookDeliveries.AnyAsync(x => x.WebhookId == alice.WebhookId, Ct));
        Assert.True(await db.Users.AnyAsync(x => x.Id == alice.UserId, Ct));
        await bob.AssertIntactAsync(db, Ct);
    }

    [Fact]
    public async Task DeleteDashboard_WithWidgets_RemovesWidgets()
    {
        var (alice, bob) = await CreateWorldsAsync();

        await DeleteAsync(db => db.Dashboards.Where(d => d.Id == alice.DashboardId));

        await using var db = NewContext();
        Assert.False(await db.DashboardWidgets.AnyAsync(x => x.DashboardId == alice.DashboardId, Ct));
        Assert.True(await db.Events.AnyAsync(x => x.Id == alice.EventId, Ct), "the widget's event");
        await bob.AssertIntactAsync(db, Ct);
    }

    [Fact]
    public async Task DeletePluginInstance_WithMappings_RemovesMappingsButKeepsEvents()
    {
        var (alice, bob) = await CreateWorldsAsync();

        await DeleteAsync(db => db.PluginInstances.Where(p => p.Id == alice.PluginInstanceId));

        await using var db = NewContext();
        Assert.False(await db.ChannelMappings.AnyAsync(x => x.PluginInstanceId == alice.PluginInstanceId, Ct));
        Assert.True(await db.Events.AnyAsync(x => x.Id == alice.EventId, Ct), "the mapped event (the service, not the store, removes it)");
        await bob.AssertIntactAsync(db, Ct);
    }

    private async Task<(StorageWorld Alice, StorageWorld Bob)> CreateWorldsAsync()
    {
        await using var db = NewContext();
        var now = Time.GetUtcNow().UtcDateTime;
        var alice = await StorageWorld.CreateAsync(db, "alice", now, Ct);
        var bob = await StorageWorld.CreateAsync(db, "bob", now, Ct);
        return (alice, bob);
    }

    // Loads the rows and removes them with SaveChanges in a context that tracks nothing else, as a service would.
    private async Task DeleteAsync<T>(Func<Persistence.WebMacsDbContext, IQueryable<T>> rows)
        where T : class
    {
        await using var db = NewContext();
        var loaded = await rows(db).ToListAsync(Ct);
        Assert.NotEmpty(loaded);
        db.RemoveRange(loaded);
        await db.SaveChangesAsync(Ct);
    }
}
