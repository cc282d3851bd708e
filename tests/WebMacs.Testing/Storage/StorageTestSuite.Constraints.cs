using Microsoft.EntityFrameworkCore;
using WebMacs.Domain;
using WebMacs.Security;
using Xunit;

namespace WebMacs.Testing.Storage;

// Unique constraints of reference §2.2: the store itself refuses a duplicate, whatever the application checks.
public abstract partial class StorageTestSuite
{
    [Theory]
    [InlineData("users.email")]
    [InlineData("users.username")]
    [InlineData("events.name")]
    [InlineData("experiments.name")]
    [InlineData("rules.name")]
    [InlineData("firmware_updates.version")]
    [InlineData("plugin_instances.instance_name")]
    [InlineData("channel_mappings.plugin_instance_id+channel_id")]
    [InlineData("api_tokens.token_hash")]
    [InlineData("blacklist_tokens.token_hash")]
    [InlineData("plugin_packages.package_name")]
    public async Task SaveChanges_DuplicateUniqueValue_ThrowsDbUpdateException(string constraint)
    {
        var (ownerId, eventId, instanceId) = await CreateOwnerAsync();
        var now = Time.GetUtcNow().UtcDateTime;

        await using (var first = NewContext())
        {
            first.Add(Duplicate(constraint, ownerId, eventId, instanceId, now, variant: 1));
            await first.SaveChangesAsync(Ct);
        }

        await using var second = NewContext();
        second.Add(Duplicate(constraint, ownerId, eventId, instanceId, now, variant: 2));
        await Assert.ThrowsAsync<DbUpdateException>(() => second.SaveChangesAsync(Ct));
    }

    [Fact]
    public async Task SaveChanges_SameChannelIdOnAnotherPluginInstance_IsAccepted()
    {
        var (ownerId, _, instanceId) = await CreateOwnerAsync();
        var now = Time.GetUtcNow().UtcDateTime;
        await using var db = NewContext();
        var other = new PluginInstance { PluginId = "simulated", InstanceName = "second-sim", CreatedOn = now, UpdatedOn = now, UserId = ownerId };
        db.PluginInstances.Add(other);
        await db.SaveChangesAsync(Ct);

        db.ChannelMappings.AddRange(
            new ChannelMapping { PluginInstanceId = instanceId, ChannelId = "ch_1", ChannelName = "A", Unit = "V", CreatedOn = now },
            new ChannelMapping { PluginInstanceId = other.Id, ChannelId = "ch_1", ChannelName = "B", Unit = "V", CreatedOn = now });
        await db.SaveChangesAsync(Ct);

        Assert.Equal(2, await db.ChannelMappings.CountAsync(m => m.ChannelId == "ch_1", Ct));
    }

    [Fact]
    public async Task SaveChanges_DatapointForUnknownEvent_ThrowsDbUpdateException()
    {
        await using var db = NewContext();
        db.Datapoints.Add(new Datapoint { EventId = 987_654, Timestamp = Time.GetUtcNow().UtcDateTime, Value = 1 });

        await Assert.ThrowsAsync<DbUpdateException>(() => db.SaveChangesAsync(Ct));
    }

    // Makes the row that the second insert duplicates. Variant 2 differs from variant 1 in every unique column
    // except the one under test, so only that constraint can be the reason for a refusal.
    private static object Duplicate(string constraint, int ownerId, int eventId, int instanceId, DateTime now, int variant)
    {
        return constraint switch
        {
            "users.email" => new User { Email = "dup@webmacs.test", Username = $"dup{variant}", PasswordHash = "$2b$12$x", RegisteredOn = now },
            "users.username" => new User { Email = $"dup{variant}@webmacs.test", Username = "dup", PasswordHash = "$2b$12$x", RegisteredOn = now },
            "events.name" => new Event { Name = "dup-event", Unit = "V", Type = EventType.Sensor, UserId = ownerId },
            "experiments.name" => new Experiment { Name = "dup-experiment", StartedOn = now, UserId = ownerId },
            "rules.name" => new Rule { Name = "dup-rule", EventId = eventId, Operator = RuleOperator.Gt, Threshold = variant, ActionType = RuleActionType.Log, CreatedOn = now, UserId = ownerId },
            "firmware_updates.version" => new FirmwareUpdate { Version = "9.9.9", CreatedOn = now, UserId = ownerId },
            "plugin_instances.instance_name" => new PluginInstance { PluginId = "simulated", InstanceName = "dup-sim", CreatedOn = now, UpdatedOn = now, UserId = ownerId },
            "channel_mappings.plugin_instance_id+channel_id" => new ChannelMapping
            {
                PluginInstanceId = instanceId, ChannelId = "dup_channel", ChannelName = $"Channel {variant}", Unit = "V", CreatedOn = now,
            },
            "api_tokens.token_hash" => new ApiToken { Name = $"token {variant}", TokenHash = TokenHash.Sha256Hex("wm_duplicate"), CreatedAt = now, UserId = ownerId },
            "blacklist_tokens.token_hash" => new BlacklistedToken { TokenHash = TokenHash.Sha256Hex("revoked.jwt"), BlacklistedOn = now },
            "plugin_packages.package_name" => new PluginPackage { PackageName = "webmacs-plugin-dup", Version = $"1.0.{variant}", Source = PluginSource.Uploaded, InstalledOn = now },
            _ => throw new ArgumentOutOfRangeException(nameof(constraint), constraint, "No such case."),
        };
    }

    private async Task<(int OwnerId, int EventId, int InstanceId)> CreateOwnerAsync()
    {
        await using var db = NewContext();
        var now = Time.GetUtcNow().UtcDateTime;
        var owner = await db.Users.SingleAsync(u => u.Role == UserRole.Admin, Ct);
        var ev = new Event { Name = "owner-event", Unit = "V", Type = EventType.Sensor, UserId = owner.Id };
        var instance = new PluginInstance { PluginId = "simulated", InstanceName = "owner-sim", CreatedOn = now, UpdatedOn = now, UserId = owner.Id };
        db.AddRange(ev, instance);
        await db.SaveChangesAsync(Ct);
        return (owner.Id, ev.Id, instance.Id);
    }
}
