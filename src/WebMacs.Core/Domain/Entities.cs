namespace WebMacs.Domain;

// The EF Core entities of the 16 WebMACS tables (reference §2.2). Internal integer keys link rows;
// public ids (UUIDs) are what the API shows. Times are UTC DateTime values.

internal sealed class User
{
    public int Id { get; set; }
    public Guid PublicId { get; set; } = Guid.NewGuid();
    public required string Email { get; set; }
    public required string Username { get; set; }
    public required string PasswordHash { get; set; }
    public UserRole Role { get; set; } = UserRole.Viewer;
    public DateTime RegisteredOn { get; set; }
    public string? SsoProvider { get; set; }
    public string? SsoSubjectId { get; set; }
}

internal sealed class Event
{
    public int Id { get; set; }
    public Guid PublicId { get; set; } = Guid.NewGuid();
    public required string Name { get; set; }
    public double MinValue { get; set; }
    public double MaxValue { get; set; }
    public required string Unit { get; set; }
    public EventType Type { get; set; }
    public int UserId { get; set; }
    public User? User { get; set; }
}

internal sealed class Experiment
{
    public int Id { get; set; }
    public Guid PublicId { get; set; } = Guid.NewGuid();
    public required string Name { get; set; }
    public DateTime? StartedOn { get; set; }
    public DateTime? StoppedOn { get; set; }
    public int UserId { get; set; }
    public User? User { get; set; }
}

/// <summary>A narrow datapoint row: no per-row UUID (see <see cref="DatapointId"/>).</summary>
internal sealed class Datapoint
{
    public long Id { get; set; }
    public int EventId { get; set; }
    public int? ExperimentId { get; set; }
    public DateTime Timestamp { get; set; }
    public double Value { get; set; }
    public Event? Event { get; set; }
    public Experiment? Experiment { get; set; }
}

/// <summary>A revoked JWT. Only the SHA-256 of the token is kept, never the token.</summary>
internal sealed class BlacklistedToken
{
    public int Id { get; set; }
    public required string TokenHash { get; set; }
    public DateTime BlacklistedOn { get; set; }
}

internal sealed class ApiToken
{
    public int Id { get; set; }
    public Guid PublicId { get; set; } = Guid.NewGuid();
    public required string Name { get; set; }
    public required string TokenHash { get; set; }
    public int UserId { get; set; }
    public User? User { get; set; }
    public DateTime? LastUsedAt { get; set; }
    public DateTime? ExpiresAt { get; set; }
    public DateTime CreatedAt { get; set; }
}

internal sealed class LogEntry
{
    public int Id { get; set; }
    public Guid PublicId { get; set; } = Guid.NewGuid();
    public required string Content { get; set; }
    public LoggingType? LoggingType { get; set; } = Domain.LoggingType.Info;
    public StatusType StatusType { get; set; } = StatusType.Unread;
    public DateTime CreatedOn { get; set; }
    public int UserId { get; set; }
    public User? User { get; set; }
}

internal sealed class Webhook
{
    public int Id { get; set; }
    public Guid PublicId { get; set; } = Guid.NewGuid();
    public required string Url { get; set; }
    public string? Secret { get; set; }

    /// <summary>Gets or sets the subscribed event types as JSON array text, as the original stores them.</summary>
    public string Events { get; set; } = "[]";

    public bool Enabled { get; set; } = true;
    public DateTime CreatedOn { get; set; }
    public int UserId { get; set; }
    public User? User { get; set; }
}

internal sealed class WebhookDelivery
{
    public long Id { get; set; }
    public Guid PublicId { get; set; } = Guid.NewGuid();
    public int WebhookId { get; set; }
    public Webhook? Webhook { get; set; }
    public required string EventType { get; set; }
    public required string Payload { get; set; }
    public WebhookDeliveryStatus Status { get; set; } = WebhookDeliveryStatus.Pending;
    public int Attempts { get; set; }
    public string? LastError { get; set; }
    public int? ResponseCode { get; set; }
    public DateTime CreatedOn { get; set; }
    public DateTime? DeliveredOn { get; set; }

    /// <summary>Gets or sets when the outbox should try this delivery next (null once it is final).</summary>
    public DateTime? NextAttemptAt { get; set; }
}

internal sealed class Rule
{
    public int Id { get; set; }
    public Guid PublicId { get; set; } = Guid.NewGuid();
    public required string Name { get; set; }
    public int EventId { get; set; }
    public Event? Event { get; set; }
    public RuleOperator Operator { get; set; }
    public double Threshold { get; set; }
    public double? ThresholdHigh { get; set; }
    public RuleActionType ActionType { get; set; }
    public string? WebhookEventType { get; set; }
    public bool Enabled { get; set; } = true;
    public int CooldownSeconds { get; set; } = 60;
    public DateTime? LastTriggeredAt { get; set; }
    public DateTime CreatedOn { get; set; }
    public int UserId { get; set; }
    public User? User { get; set; }
}

internal sealed class FirmwareUpdate
{
    public int Id { get; set; }
    public Guid PublicId { get; set; } = Guid.NewGuid();
    public required string Version { get; set; }
    public string? Changelog { get; set; }
    public string? FilePath { get; set; }
    public string? FileHashSha256 { get; set; }
    public long? FileSizeBytes { get; set; }
    public UpdateStatus Status { get; set; } = UpdateStatus.Pending;
    public string? ErrorMessage { get; set; }
    public DateTime CreatedOn { get; set; }
    public DateTime? StartedOn { get; set; }
    public DateTime? CompletedOn { get; set; }

    /// <summary>Gets or sets the creator; null after the creator was deleted (the record outlives them).</summary>
    public int? UserId { get; set; }

    public User? User { get; set; }
}

internal sealed class Dashboard
{
    public int Id { get; set; }
    public Guid PublicId { get; set; } = Guid.NewGuid();
    public required string Name { get; set; }
    public bool IsGlobal { get; set; }
    public DateTime CreatedOn { get; set; }
    public int UserId { get; set; }
    public User? User { get; set; }
    public List<DashboardWidget> Widgets { get; } = [];
}

internal sealed class DashboardWidget
{
    public int Id { get; set; }
    public Guid PublicId { get; set; } = Guid.NewGuid();
    public int DashboardId { get; set; }
    public Dashboard? Dashboard { get; set; }
    public WidgetType WidgetType { get; set; }
    public required string Title { get; set; }
    public int? EventId { get; set; }
    public Event? Event { get; set; }
    public int X { get; set; }
    public int Y { get; set; }
    public int W { get; set; } = 4;
    public int H { get; set; } = 3;
    public string? ConfigJson { get; set; }
}

internal sealed class PluginInstance
{
    public int Id { get; set; }
    public Guid PublicId { get; set; } = Guid.NewGuid();
    public required string PluginId { get; set; }
    public required string InstanceName { get; set; }
    public bool DemoMode { get; set; }
    public bool Enabled { get; set; } = true;
    public PluginStatus Status { get; set; } = PluginStatus.Inactive;
    public string? ConfigJson { get; set; }
    public string? ErrorMessage { get; set; }
    public DateTime CreatedOn { get; set; }
    public DateTime UpdatedOn { get; set; }
    public int UserId { get; set; }
    public User? User { get; set; }
    public List<ChannelMapping> ChannelMappings { get; } = [];
}

internal sealed class ChannelMapping
{
    public int Id { get; set; }
    public Guid PublicId { get; set; } = Guid.NewGuid();
    public int PluginInstanceId { get; set; }
    public PluginInstance? PluginInstance { get; set; }
    public required string ChannelId { get; set; }
    public required string ChannelName { get; set; }
    public ChannelDirection Direction { get; set; }
    public required string Unit { get; set; }
    public int? EventId { get; set; }
    public Event? Event { get; set; }
    public DateTime CreatedOn { get; set; }
}

internal sealed class PluginPackage
{
    public int Id { get; set; }
    public Guid PublicId { get; set; } = Guid.NewGuid();
    public required string PackageName { get; set; }
    public required string Version { get; set; }
    public PluginSource Source { get; set; }
    public string? FilePath { get; set; }
    public string? FileHashSha256 { get; set; }
    public long? FileSizeBytes { get; set; }

    /// <summary>Gets or sets the plugin ids the package provides, as JSON array text.</summary>
    public string PluginIds { get; set; } = "[]";

    public DateTime InstalledOn { get; set; }
    public int? UserId { get; set; }
    public User? User { get; set; }
}
