using System.Text.Json;
using System.Text.Json.Serialization;
using WebMacs.Domain;

namespace WebMacs.Tests.Domain;

public class WireEnumTests
{
    [Fact]
    public void All_EveryEnum_ListsTheReferenceWireValuesInOrder()
    {
        Assert.Equal(["viewer", "operator", "admin"], WireEnum<UserRole>.All);
        Assert.Equal(["sensor", "actuator", "range", "cmd_button", "cmd_opened", "cmd_closed"], WireEnum<EventType>.All);
        Assert.Equal(["read", "unread"], WireEnum<StatusType>.All);
        Assert.Equal(["error", "warning", "info"], WireEnum<LoggingType>.All);
        Assert.Equal(
            ["sensor.threshold_exceeded", "sensor.reading", "experiment.started", "experiment.stopped", "system.health_changed"],
            WireEnum<WebhookEventType>.All);
        Assert.Equal(["pending", "delivered", "failed", "dead_letter"], WireEnum<WebhookDeliveryStatus>.All);
        Assert.Equal(["gt", "lt", "eq", "gte", "lte", "between", "not_between"], WireEnum<RuleOperator>.All);
        Assert.Equal(["webhook", "log"], WireEnum<RuleActionType>.All);
        Assert.Equal(["pending", "downloading", "verifying", "applying", "completed", "failed", "rolled_back"], WireEnum<UpdateStatus>.All);
        Assert.Equal(["line_chart", "gauge", "stat_card", "actuator_toggle"], WireEnum<WidgetType>.All);
        Assert.Equal(["inactive", "connected", "error", "demo"], WireEnum<PluginStatus>.All);
        Assert.Equal(["input", "output", "bidirectional"], WireEnum<ChannelDirection>.All);
        Assert.Equal(["bundled", "uploaded"], WireEnum<PluginSource>.All);
    }

    [Theory]
    [InlineData(EventType.CmdButton, "cmd_button")]
    [InlineData(EventType.CmdOpened, "cmd_opened")]
    [InlineData(UserRole.Admin, "admin")]
    [InlineData(WebhookEventType.SensorThresholdExceeded, "sensor.threshold_exceeded")]
    [InlineData(WebhookEventType.SystemHealthChanged, "system.health_changed")]
    [InlineData(RuleOperator.NotBetween, "not_between")]
    [InlineData(RuleOperator.Gte, "gte")]
    [InlineData(WebhookDeliveryStatus.DeadLetter, "dead_letter")]
    [InlineData(UpdateStatus.RolledBack, "rolled_back")]
    [InlineData(WidgetType.ActuatorToggle, "actuator_toggle")]
    public void ToWire_Member_ReturnsWireValue(object member, string expected)
    {
        var method = typeof(WireEnum<>).MakeGenericType(member.GetType()).GetMethod(nameof(WireEnum<UserRole>.ToWire))!;

        Assert.Equal(expected, method.Invoke(null, [member]));
    }

    [Fact]
    public void Parse_EveryWireValueOfEveryEnum_RoundTrips()
    {
        AssertRoundTrip<UserRole>();
        AssertRoundTrip<EventType>();
        AssertRoundTrip<StatusType>();
        AssertRoundTrip<LoggingType>();
        AssertRoundTrip<WebhookEventType>();
        AssertRoundTrip<WebhookDeliveryStatus>();
        AssertRoundTrip<RuleOperator>();
        AssertRoundTrip<RuleActionType>();
        AssertRoundTrip<UpdateStatus>();
        AssertRoundTrip<WidgetType>();
        AssertRoundTrip<PluginStatus>();
        AssertRoundTrip<ChannelDirection>();
        AssertRoundTrip<PluginSource>();
    }

    [Fact]
    public void ToWire_EveryMember_MatchesSystemTextJsonSnakeCaseSerialization()
    {
        var options = new JsonSerializerOptions { Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower) } };

        foreach (var value in Enum.GetValues<WebhookEventType>())
        {
            Assert.Equal($"\"{WireEnum<WebhookEventType>.ToWire(value)}\"", JsonSerializer.Serialize(value, options));
        }

        foreach (var value in Enum.GetValues<RuleOperator>())
        {
            Assert.Equal($"\"{WireEnum<RuleOperator>.ToWire(value)}\"", JsonSerializer.Serialize(value, options));
        }
    }

    [Theory]
    [InlineData("CMD_BUTTON")]
    [InlineData("CmdButton")]
    [InlineData("cmd-button")]
    [InlineData(" cmd_button")]
    [InlineData("")]
    [InlineData("4")]
    [InlineData(null)]
    public void TryParse_NotAWireValue_ReturnsFalse(string? wire)
    {
        Assert.False(WireEnum<EventType>.TryParse(wire, out var value));
        Assert.Equal(default, value);
    }

    [Fact]
    public void Parse_UnknownValue_ThrowsFormatExceptionNamingValueAndType()
    {
        var ex = Assert.Throws<FormatException>(() => WireEnum<RuleOperator>.Parse("between_ish"));

        Assert.Contains("between_ish", ex.Message, StringComparison.Ordinal);
        Assert.Contains(nameof(RuleOperator), ex.Message, StringComparison.Ordinal);
    }

    private static void AssertRoundTrip<T>()
        where T : struct, Enum
    {
        Assert.Equal(Enum.GetValues<T>().Length, WireEnum<T>.All.Distinct(StringComparer.Ordinal).Count());
        foreach (var value in Enum.GetValues<T>())
        {
            var wire = WireEnum<T>.ToWire(value);
            Assert.Equal(value, WireEnum<T>.Parse(wire));
            Assert.True(WireEnum<T>.TryParse(wire, out var parsed));
            Assert.Equal(value, parsed);
        }
    }
}
