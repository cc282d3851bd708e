using Microsoft.EntityFrameworkCore;
using WebMacs.Domain;

namespace WebMacs.Persistence;

/// <summary>
/// The provider-neutral EF Core model of the 16 WebMACS tables plus <c>telemetry_sources</c> (the telemetry ack/dedup extension). Storage packages (<c>AddPostgres</c>,
/// <c>AddSqlite</c>) choose the provider and carry the migrations for it.
/// </summary>
internal sealed partial class WebMacsDbContext(DbContextOptions<WebMacsDbContext> options) : DbContext(options)
{
    public DbSet<User> Users => Set<User>();
    public DbSet<Event> Events => Set<Event>();
    public DbSet<Experiment> Experiments => Set<Experiment>();
    public DbSet<Datapoint> Datapoints => Set<Datapoint>();
    public DbSet<BlacklistedToken> BlacklistedTokens => Set<BlacklistedToken>();
    public DbSet<ApiToken> ApiTokens => Set<ApiToken>();
    public DbSet<LogEntry> LogEntries => Set<LogEntry>();
    public DbSet<Webhook> Webhooks => Set<Webhook>();
    public DbSet<WebhookDelivery> WebhookDeliveries => Set<WebhookDelivery>();
    public DbSet<Rule> Rules => Set<Rule>();
    public DbSet<FirmwareUpdate> FirmwareUpdates => Set<FirmwareUpdate>();
    public DbSet<Dashboard> Dashboards => Set<Dashboard>();
    public DbSet<DashboardWidget> DashboardWidgets => Set<DashboardWidget>();
    public DbSet<PluginInstance> PluginInstances => Set<PluginInstance>();
    public DbSet<ChannelMapping> ChannelMappings => Set<ChannelMapping>();
    public DbSet<PluginPackage> PluginPackages => Set<PluginPackage>();
    public DbSet<TelemetrySource> TelemetrySources => Set<TelemetrySource>();

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // Enums are stored as their wire strings (e.g. "cmd_button"), identical in every provider.
        configurationBuilder.Properties<UserRole>().HaveConversion<WireEnumConverter<UserRole>>().HaveMaxLength(20);
        configurationBuilder.Properties<EventType>().HaveConversion<WireEnumConverter<EventType>>().HaveMaxLength(20);
        configurationBuilder.Properties<StatusType>().HaveConversion<WireEnumConverter<StatusType>>().HaveMaxLength(10);
        configurationBuilder.Properties<LoggingType>().HaveConversion<WireEnumConverter<LoggingType>>().HaveMaxLength(10);
        configurationBuilder.Properties<WebhookDeliveryStatus>().HaveConversion<WireEnumConverter<WebhookDeliveryStatus>>().HaveMaxLength(20);
        configurationBuilder.Properties<RuleOperator>().HaveConversion<WireEnumConverter<RuleOperator>>().HaveMaxLength(20);
        configurationBuilder.Properties<RuleActionType>().HaveConversion<WireEnumConverter<RuleActionType>>().HaveMaxLength(20);
        configurationBuilder.Properties<UpdateStatus>().HaveConversion<WireEnumConverter<UpdateStatus>>().HaveMaxLength(20);
        configurationBuilder.Properties<WidgetType>().HaveConversion<WireEnumConverter<WidgetType>>().HaveMaxLength(20);
        configurationBuilder.Properties<PluginStatus>().HaveConversion<WireEnumConverter<PluginStatus>>().HaveMaxLength(20);
        configurationBuilder.Properties<ChannelDirection>().HaveConversion<WireEnumConverter<ChannelDirection>>().HaveMaxLength(20);
        configurationBuilder.Properties<PluginSource>().HaveConversion<WireEnumConverter<PluginSource>>().HaveMaxLength(20);
    }

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        ConfigureIdentity(modelBuilder);
        ConfigureTelemetry(modelBuilder);
        ConfigureAutomation(modelBuilder);
        ConfigureUi(modelBuilder);
        ConfigurePlugins(modelBuilder);
    }
}
