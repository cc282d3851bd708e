using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting;
using WebMacs.Domain;
using WebMacs.Security;
using Xunit;

namespace WebMacs.Testing.Storage;

// Start-up (reference §7, §3.12, §6.5): migrations create the 16 tables (plus telemetry_sources, the ack/dedup extension), the first administrator is seeded once,
// the start-up log entry is written on every start.
public abstract partial class StorageTestSuite
{
    private const string StartupEntry = "WebMACS Backend v2.0.0 started.";

    private static readonly string[] ExpectedTables =
    [
        "api_tokens", "blacklist_tokens", "channel_mappings", "dashboard_widgets", "dashboards", "datapoints", "events",
        "experiments", "firmware_updates", "log_entries", "plugin_instances", "plugin_packages", "rules",
        "telemetry_sources", "users", "webhook_deliveries", "webhooks",
    ];

    [Fact]
    public async Task Migrate_EmptyStore_CreatesExactlyTheExpectedTables()
    {
        var tables = await QueryStringsAsync(ListTablesSql);

        var ours = tables
            .Where(t => !t.StartsWith("__EF", StringComparison.Ordinal) && !t.StartsWith("sqlite_", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .ToArray();
        Assert.Equal(ExpectedTables, ours);
        Assert.Contains("__EFMigrationsHistory", tables);
    }

    [Fact]
    public async Task Migrate_EmptyStore_LeavesNoPendingMigrationOrModelChange()
    {
        await using var db = NewContext();

        Assert.Empty(await db.Database.GetPendingMigrationsAsync(Ct));
        Assert.NotEmpty(await db.Database.GetAppliedMigrationsAsync(Ct));
        Assert.False(db.Database.HasPendingModelChanges(), "The model differs from the provider's migrations: add a migration.");
    }

    [Fact]
    public async Task Startup_EmptyStore_SeedsAdministratorWithVerifiableBcryptHash()
    {
        await using var db = NewContext();

        var admin = Assert.Single(await db.Users.ToListAsync(Ct));
        Assert.Equal(AdminEmail, admin.Email);
        Assert.Equal(AdminUsername, admin.Username);
        Assert.Equal(UserRole.Admin, admin.Role);
        Assert.Equal("admin", await QueryStringAsync("SELECT role FROM users"));
        Assert.StartsWith("$2", admin.PasswordHash, StringComparison.Ordinal);
        Assert.True(PasswordHasher.Verify(AdminPassword, admin.PasswordHash));
        Assert.False(PasswordHasher.Verify(AdminPassword + "x", admin.PasswordHash));
        Assert.Equal(Time.GetUtcNow().UtcDateTime, admin.RegisteredOn);
        Assert.Equal(DateTimeKind.Utc, admin.RegisteredOn.Kind);
    }

    [Fact]
    public async Task Startup_EmptyStore_WritesStartupLogEntryOwnedByAdministrator()
    {
        await using var db = NewContext();

        var entry = Assert.Single(await db.LogEntries.ToListAsync(Ct));
        var adminId = await db.Users.Where(u => u.Role == UserRole.Admin).Select(u => u.Id).SingleAsync(Ct);
        Assert.Equal(StartupEntry, entry.Content);
        Assert.Equal(adminId, entry.UserId);
        Assert.Equal(LoggingType.Info, entry.LoggingType);
        Assert.Equal(StatusType.Unread, entry.StatusType);
        Assert.Equal("info", await QueryStringAsync("SELECT logging_type FROM log_entries"));
        Assert.Equal("unread", await QueryStringAsync("SELECT status_type FROM log_entries"));
    }

    [Fact]
    public async Task Startup_RunTwice_DoesNotSeedAgainButLogsEachStart()
    {
        string hashBefore;
        await using (var db = NewContext())
        {
            hashBefore = await db.Users.Select(u => u.PasswordHash).SingleAsync(Ct);
        }

        // A restart with other admin settings: the user table is not empty, so nothing is seeded.
        var restarted = BuildServices(new Dictionary<string, string?>
        {
            ["WebMacs:InitialAdminEmail"] = "second@webmacs.test",
            ["WebMacs:InitialAdminUsername"] = "second",
            ["WebMacs:InitialAdminPassword"] = "Another-Password-2",
        });
        await RunStartupAsync(restarted);

        await using (var db = NewContext())
        {
            var admin = Assert.Single(await db.Users.ToListAsync(Ct));
            Assert.Equal(AdminEmail, admin.Email);
            Assert.Equal(hashBefore, admin.PasswordHash);
            Assert.Equal(2, await db.LogEntries.CountAsync(e => e.Content == StartupEntry, Ct));
        }
    }

    [Fact]
    public async Task Startup_ProductionWithoutAdminPasswordOnEmptyUserTable_ThrowsNamingSetting()
    {
        await using (var db = NewContext())
        {
            await db.Users.ExecuteDeleteAsync(Ct);
        }

        var production = BuildServices(
            new Dictionary<string, string?> { ["WebMacs:InitialAdminPassword"] = string.Empty },
            Environments.Production);

        var ex = await Assert.ThrowsAsync<WebMacsStartupException>(() => RunStartupAsync(production));
        Assert.Contains("INITIAL_ADMIN_PASSWORD", ex.Message, StringComparison.Ordinal);
        await using (var db = NewContext())
        {
            Assert.Empty(await db.Users.ToListAsync(Ct));
        }
    }

    [Fact]
    public async Task Startup_DevelopmentWithoutAdminPasswordOnEmptyUserTable_SeedsAdministratorWithGeneratedPassword()
    {
        await using (var db = NewContext())
        {
            await db.Users.ExecuteDeleteAsync(Ct);
        }

        var development = BuildServices(new Dictionary<string, string?> { ["WebMacs:InitialAdminPassword"] = string.Empty });
        await RunStartupAsync(development);

        await using (var db = NewContext())
        {
            var admin = Assert.Single(await db.Users.ToListAsync(Ct));
            Assert.Equal(UserRole.Admin, admin.Role);
            Assert.StartsWith("$2", admin.PasswordHash, StringComparison.Ordinal);
            Assert.False(PasswordHasher.Verify(AdminPassword, admin.PasswordHash));
            Assert.False(PasswordHasher.Verify(string.Empty, admin.PasswordHash));
        }
    }
}
