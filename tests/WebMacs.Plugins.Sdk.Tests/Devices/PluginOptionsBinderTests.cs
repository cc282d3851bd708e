namespace WebMacs.Plugins.Tests.Devices;

public sealed class PluginOptionsBinderTests
{
    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("  ")]
    [InlineData("null")]
    [InlineData("{}")]
    public void Bind_Empty_GivesTheDefaults(string? json)
    {
        var options = PluginOptionsBinder.Bind<PluginInstanceOptions>(json, "p");

        Assert.Equal(("", true, 1000), (options.InstanceName, options.DemoMode, options.PollIntervalMs));
        Assert.Equal((5, 1.0, 60.0, 2.0), (options.RetryPolicy.MaxAttempts, options.RetryPolicy.BaseDelay, options.RetryPolicy.MaxDelay, options.RetryPolicy.BackoffFactor));
    }

    [Fact]
    public void Bind_SnakeCaseWithUnknownKeys_BindsAndIgnoresTheRest()
    {
        var options = PluginOptionsBinder.Bind<FakeDeviceOptions>(
            """{"instance_name": "Rig", "demo_mode": false, "poll_interval_ms": 10, "host": "10.0.0.5", "port": 1502, "colour": "blue", "retry_policy": {"max_attempts": 0}, }""",
            "fake");

        Assert.Equal(("Rig", false, 10, "10.0.0.5", 1502, 0), (options.InstanceName, options.DemoMode, options.PollIntervalMs, options.Host, options.Port, options.RetryPolicy.MaxAttempts));
    }

    [Theory]
    [InlineData("""{"poll_interval_ms": 9}""", "poll_interval_ms")]
    [InlineData("""{"poll_interval_ms": 60001}""", "poll_interval_ms")]
    [InlineData("""{"port": 99999}""", "port")]
    [InlineData("""{"host": ""}""", "host")]
    [InlineData("""{"poll_interval_ms": "fast"}""", "poll_interval_ms")]
    [InlineData("""{"retry_policy": {"base_delay": 0.01}}""", "retry_policy.base_delay")]
    [InlineData("""{"retry_policy": {"max_attempts": -1}}""", "retry_policy.max_attempts")]
    public void Bind_InvalidValue_ThrowsNamingTheField(string json, string field)
    {
        var ex = Assert.Throws<PluginConfigException>(() => PluginOptionsBinder.Bind<FakeDeviceOptions>(json, "fake"));

        Assert.Equal(field, ex.Field);
        Assert.StartsWith($"[fake] Invalid configuration '{field}'", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("[1, 2]")]
    [InlineData("not json")]
    [InlineData("42")]
    public void Bind_NotAnObject_ThrowsConfigException(string json) =>
        Assert.Throws<PluginConfigException>(() => PluginOptionsBinder.Bind<PluginInstanceOptions>(json, "p"));

    [Fact]
    public void Configure_InvalidOptions_KeepsThePluginUnconfigured()
    {
        var plugin = new FakeDevice();

        var ex = Assert.Throws<PluginConfigException>(() => plugin.Configure("""{"port": 0}"""));

        Assert.Equal("port", ex.Field);
        Assert.Equal(PluginState.Discovered, plugin.State);
        Assert.Null(plugin.Options);
    }

    [Fact]
    public void Configure_TypedOptions_AreExposed()
    {
        var plugin = new FakeDevice();

        plugin.Configure("""{"host": "plc.local"}""");

        Assert.Equal("plc.local", plugin.Options!.Host);
        Assert.Same(plugin.Options, ((DevicePlugin)plugin).Options);
        Assert.Equal(typeof(FakeDeviceOptions), plugin.OptionsType);
    }

    [Theory]
    [InlineData(1, 1.0)]
    [InlineData(2, 2.0)]
    [InlineData(3, 4.0)]
    [InlineData(10, 60.0)]
    public void DelayFor_Attempt_GrowsExponentiallyUpToTheMaximum(int attempt, double seconds) =>
        Assert.Equal(TimeSpan.FromSeconds(seconds), new RetryPolicy().DelayFor(attempt));
}
