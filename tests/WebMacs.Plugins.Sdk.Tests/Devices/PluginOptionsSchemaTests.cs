namespace WebMacs.Plugins.Tests.Devices;

public sealed class PluginOptionsSchemaTests
{
    [Fact]
    public void For_BaseOptions_DescribesSnakeCasePropertiesWithBoundsAndOrder()
    {
        var schema = PluginOptionsSchema.For<PluginInstanceOptions>();
        var properties = schema["properties"]!.AsObject();

        Assert.Equal("object", schema["type"]!.GetValue<string>());
        Assert.Equal(["instance_name", "demo_mode", "poll_interval_ms", "retry_policy"], properties.Select(p => p.Key));
        var poll = properties["poll_interval_ms"]!;
        Assert.Equal((10L, 60000L, 2), (poll["minimum"]!.GetValue<long>(), poll["maximum"]!.GetValue<long>(), poll["ui_order"]!.GetValue<int>()));
        Assert.Equal(100, properties["instance_name"]!["maxLength"]!.GetValue<int>());
        Assert.False(string.IsNullOrEmpty(properties["demo_mode"]!["description"]!.GetValue<string>()));
        Assert.Equal(0.1, properties["retry_policy"]!["properties"]!["base_delay"]!["minimum"]!.GetValue<double>());
        Assert.True(schema["default"]!["demo_mode"]!.GetValue<bool>());
    }

    [Fact]
    public void For_DerivedOptions_IncludesThePluginSettings()
    {
        var properties = PluginOptionsSchema.For<FakeDeviceOptions>()["properties"]!.AsObject();

        Assert.Equal((1L, 65535L), (properties["port"]!["minimum"]!.GetValue<long>(), properties["port"]!["maximum"]!.GetValue<long>()));
        Assert.Equal(1, properties["host"]!["minLength"]!.GetValue<int>());
    }

    [Fact]
    public void For_NotAnOptionsType_Throws() => Assert.Throws<ArgumentException>(() => PluginOptionsSchema.For(typeof(string)));

    [Fact]
    public void For_Schema_IsSerializable() => Assert.StartsWith("{", PluginOptionsSchema.For<PluginInstanceOptions>().ToJsonString(), StringComparison.Ordinal);
}
