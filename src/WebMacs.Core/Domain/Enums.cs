using System.Text.Json.Serialization;

namespace WebMacs.Domain;

// The wire value of each member is its snake_case name unless a JsonStringEnumMemberName says otherwise
// (see WireEnum<T>); the same value is stored in the database.

internal enum UserRole { Viewer = 1, Operator = 2, Admin = 3 }

internal enum EventType { Sensor, Actuator, Range, CmdButton, CmdOpened, CmdClosed }

internal enum StatusType { Read, Unread }

internal enum LoggingType { Error, Warning, Info }

internal enum WebhookEventType
{
    [JsonStringEnumMemberName("sensor.threshold_exceeded")] SensorThresholdExceeded,
    [JsonStringEnumMemberName("sensor.reading")] SensorReading,
    [JsonStringEnumMemberName("experiment.started")] ExperimentStarted,
    [JsonStringEnumMemberName("experiment.stopped")] ExperimentStopped,
    [JsonStringEnumMemberName("system.health_changed")] SystemHealthChanged,
}

internal enum WebhookDeliveryStatus { Pending, Delivered, Failed, DeadLetter }

internal enum RuleOperator { Gt, Lt, Eq, Gte, Lte, Between, NotBetween }

internal enum RuleActionType { Webhook, Log }

internal enum UpdateStatus { Pending, Downloading, Verifying, Applying, Completed, Failed, RolledBack }

internal enum WidgetType { LineChart, Gauge, StatCard, ActuatorToggle }

internal enum PluginStatus { Inactive, Connected, Error, Demo }

internal enum ChannelDirection { Input, Output, Bidirectional }

internal enum PluginSource { Bundled, Uploaded }
