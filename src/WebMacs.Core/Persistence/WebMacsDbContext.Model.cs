using Microsoft.EntityFrameworkCore;
using WebMacs.Domain;

namespace WebMacs.Persistence;

// Table layout (reference §2.2) and deletion semantics (reference §2.3), expressed as foreign keys so that
// both providers delete the same rows.
internal sealed partial class WebMacsDbContext
{
    private static void ConfigureIdentity(ModelBuilder b)
    {
        b.Entity<User>(e =>
        {
            e.ToTable("users");
            e.HasIndex(x => x.PublicId).IsUnique();
            e.Property(x => x.Email).HasMaxLength(255);
            e.HasIndex(x => x.Email).IsUnique();
            e.Property(x => x.Username).HasMaxLength(50);
            e.HasIndex(x => x.Username).IsUnique();
            e.Property(x => x.PasswordHash).HasMaxLength(255);
            e.Property(x => x.SsoProvider).HasMaxLength(100);
            e.Property(x => x.SsoSubjectId).HasMaxLength(255);
            e.HasIndex(x => new { x.SsoProvider, x.SsoSubjectId }).IsUnique();
        });

        b.Entity<BlacklistedToken>(e =>
        {
            e.ToTable("blacklist_tokens");
            e.Property(x => x.TokenHash).HasMaxLength(64);
            e.HasIndex(x => x.TokenHash).IsUnique();
            e.HasIndex(x => x.BlacklistedOn);
        });

        b.Entity<ApiToken>(e =>
        {
            e.ToTable("api_tokens");
            e.HasIndex(x => x.PublicId).IsUnique();
            e.Property(x => x.Name).HasMaxLength(255);
            e.Property(x => x.TokenHash).HasMaxLength(64);
            e.HasIndex(x => x.TokenHash).IsUnique();
            e.HasOne(x => x.User).WithMany().HasForeignKey(x => x.UserId).OnDelete(DeleteBehavior.Cascade);
        });

        b.Entity<LogEntry>(e =>
        {
            e.ToTable("log_entries");
            e.HasIndex(x => x.PublicId).IsUnique();
            e.Property(x => x.Content).HasMaxLength(500);
            e.HasIndex(x => x.CreatedOn);
            e.HasOne(x => x.User).WithMany().HasForeignKey(x => x.UserId).OnDelete(DeleteBehavior.Cascade);
        });
    }

    private static void ConfigureTelemetry(ModelBuilder b)
    {
        b.Entity<Event>(e =>
        {
            e.ToTable("events");
            e.HasIndex(x => x.PublicId).IsUnique();
            e.Property(x => x.Name).HasMaxLength(255);
            e.HasIndex(x => x.Name).IsUnique();
            e.Property(x => x.Unit).HasMaxLength(255);
            e.HasOne(x => x.User).WithMany().HasForeignKey(x => x.UserId).OnDelete(DeleteBehavior.Cascade);
        });

        b.Entity<Experiment>(e =>
        {
            e.ToTable("experiments");
            e.HasIndex(x => x.PublicId).IsUnique();
            e.Property(x => x.Name).HasMaxLength(255);
            e.HasIndex(x => x.Name).IsUnique();
            e.HasOne(x => x.User).WithMany().HasForeignKey(x => x.UserId).OnDelete(DeleteBehavior.Cascade);
        });

        b.Entity<Datapoint>(e =>
        {
            e.ToTable("datapoints");
            e.HasIndex(x => new { x.EventId, x.Timestamp });
            // Export and experiment deletion only look for one experiment's rows: rows without an experiment (most of
            // them) need no entry, which spares the hot path one index write per row.
            e.HasIndex(x => new { x.ExperimentId, x.Timestamp }).HasFilter("experiment_id IS NOT NULL");
            e.HasOne(x => x.Event).WithMany().HasForeignKey(x => x.EventId).OnDelete(DeleteBehavior.Cascade);
            // Deleting an experiment deletes its datapoints (the original's ORM cascade).
            e.HasOne(x => x.Experiment).WithMany().HasForeignKey(x => x.ExperimentId).OnDelete(DeleteBehavior.Cascade);
        });

        b.Entity<TelemetrySource>(e =>
        {
            e.ToTable("telemetry_sources");
            e.Property(x => x.Source).HasMaxLength(200);
            e.HasIndex(x => x.Source).IsUnique();
        });
    }

    private static void ConfigureAutomation(ModelBuilder b)
    {
        b.Entity<Rule>(e =>
        {
            e.ToTable("rules");
            e.HasIndex(x => x.PublicId).IsUnique();
            e.Property(x => x.Name).HasMaxLength(255);
            e.HasIndex(x => x.Name).IsUnique();
            e.Property(x => x.WebhookEventType).HasMaxLength(100);
            e.HasIndex(x => x.Enabled);
            e.HasOne(x => x.Event).WithMany().HasForeignKey(x => x.EventId).OnDelete(DeleteBehavior.Cascade);
            e.HasOne(x => x.User).WithMany().HasForeignKey(x => x.UserId).OnDelete(DeleteBehavior.Cascade);
        });

        b.Entity<Webhook>(e =>
        {
            e.ToTable("webhooks");
            e.HasIndex(x => x.PublicId).IsUnique();
            e.Property(x => x.Url).HasMaxLength(2048);
            e.Property(x => x.Secret).HasMaxLength(255);
            e.HasOne(x => x.User).WithMany().HasForeignKey(x => x.UserId).OnDelete(DeleteBehavior.Cascade);
        });

        b.Entity<WebhookDelivery>(e =>
        {
            e.ToTable("webhook_deliveries");
            e.HasIndex(x => x.PublicId).IsUnique();
            e.Property(x => x.EventType).HasMaxLength(100);
            e.HasIndex(x => x.EventType);
            e.HasIndex(x => x.CreatedOn);
            e.HasIndex(x => new { x.Status, x.NextAttemptAt });
            e.HasOne(x => x.Webhook).WithMany().HasForeignKey(x => x.WebhookId).OnDelete(DeleteBehavior.Cascade);
        });

        b.Entity<FirmwareUpdate>(e =>
        {
            e.ToTable("firmware_updates");
            e.HasIndex(x => x.PublicId).IsUnique();
            e.Property(x => x.Version).HasMaxLength(50);
            e.HasIndex(x => x.Version).IsUnique();
            e.Property(x => x.FilePath).HasMaxLength(500);
            e.Property(x => x.FileHashSha256).HasMaxLength(64);
            e.HasIndex(x => x.Status);
            e.HasOne(x => x.User).WithMany().HasForeignKey(x => x.UserId).OnDelete(DeleteBehavior.SetNull);
        });
    }

    private static void ConfigureUi(ModelBuilder b)
    {
        b.Entity<Dashboard>(e =>
        {
            e.ToTable("dashboards");
            e.HasIndex(x => x.PublicId).IsUnique();
            e.Property(x => x.Name).HasMaxLength(255);
            e.HasOne(x => x.User).WithMany().HasForeignKey(x => x.UserId).OnDelete(DeleteBehavior.Cascade);
            e.HasMany(x => x.Widgets).WithOne(x => x.Dashboard).HasForeignKey(x => x.DashboardId).OnDelete(DeleteBehavior.Cascade);
        });

        b.Entity<DashboardWidget>(e =>
        {
            e.ToTable("dashboard_widgets");
            e.HasIndex(x => x.PublicId).IsUnique();
            e.Property(x => x.Title).HasMaxLength(255);
            e.HasOne(x => x.Event).WithMany().HasForeignKey(x => x.EventId).OnDelete(DeleteBehavior.SetNull);
        });
    }

    private static void ConfigurePlugins(ModelBuilder b)
    {
        b.Entity<PluginInstance>(e =>
        {
            e.ToTable("plugin_instances");
            e.HasIndex(x => x.PublicId).IsUnique();
            e.Property(x => x.PluginId).HasMaxLength(100);
            e.HasIndex(x => x.PluginId);
            e.Property(x => x.InstanceName).HasMaxLength(255);
            e.HasIndex(x => x.InstanceName).IsUnique();
            e.HasOne(x => x.User).WithMany().HasForeignKey(x => x.UserId).OnDelete(DeleteBehavior.Cascade);
            e.HasMany(x => x.ChannelMappings).WithOne(x => x.PluginInstance).HasForeignKey(x => x.PluginInstanceId).OnDelete(DeleteBehavior.Cascade);
        });

        b.Entity<ChannelMapping>(e =>
        {
            e.ToTable("channel_mappings");
            e.HasIndex(x => x.PublicId).IsUnique();
            e.Property(x => x.ChannelId).HasMaxLength(100);
            e.Property(x => x.ChannelName).HasMaxLength(255);
            e.Property(x => x.Unit).HasMaxLength(50);
            e.HasIndex(x => new { x.PluginInstanceId, x.ChannelId }).IsUnique();
            e.HasOne(x => x.Event).WithMany().HasForeignKey(x => x.EventId).OnDelete(DeleteBehavior.SetNull);
        });

        b.Entity<PluginPackage>(e =>
        {
            e.ToTable("plugin_packages");
            e.HasIndex(x => x.PublicId).IsUnique();
            e.Property(x => x.PackageName).HasMaxLength(255);
            e.HasIndex(x => x.PackageName).IsUnique();
            e.Property(x => x.Version).HasMaxLength(50);
            e.Property(x => x.FilePath).HasMaxLength(500);
            e.Property(x => x.FileHashSha256).HasMaxLength(64);
            e.HasOne(x => x.User).WithMany().HasForeignKey(x => x.UserId).OnDelete(DeleteBehavior.SetNull);
        });
    }
}
