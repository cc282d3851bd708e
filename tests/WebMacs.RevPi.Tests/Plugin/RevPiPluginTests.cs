using Microsoft.Extensions.Options;
using WebMacs.Plugins;
using static WebMacs.RevPi.Tests.Plugin.RevPiPluginConformanceTests;

namespace WebMacs.RevPi.Tests.Plugin;

public partial class RevPiPluginTests
{
    [Fact]
    public async Task Configure_WithoutPiCtory_Exposes28FallbackChannels()
    {
        await using var plugin = new RevPiPlugin();

        plugin.Configure(Json(new { config_path = "/nonexistent/config.rsc" }));

        Assert.Equal(28, plugin.Channels.Count);
        Assert.Equal([.. Enumerable.Range(1, 14).Select(i => $"Input_{i}"), .. Enumerable.Range(1, 14).Select(i => $"Output_{i}")], plugin.ChannelList.Select(c => c.Id));
        Assert.All(plugin.ChannelList, c => Assert.Equal(("bool", 0d, 1d), (c.Unit, c.MinValue, c.MaxValue)));
        Assert.All(plugin.ChannelList.Where(c => c.IsWritable), c => Assert.Equal(0, c.SafeValue));
        Assert.Null(plugin.PiCtory);
    }

    [Fact]
    public async Task Configure_OwnConfig_MakesEveryNamedInputAndOutputAChannel()
    {
        await using var plugin = new RevPiPlugin();

        plugin.Configure(Json(new { config_path = RevPiFixtures.OwnConfig }));

        Assert.Equal(23, plugin.Channels.Count);
        Assert.Equal(12, plugin.ChannelList.Count(c => c.Direction == ChannelDirection.Input));
        Assert.Equal(11, plugin.ChannelList.Count(c => c.Direction == ChannelDirection.Output));
        Assert.DoesNotContain("InputDebounce", plugin.Channels.Keys);
        var bit = plugin.Channels["O_10"];
        Assert.Equal(("dio01 / O_10", "bool", "bool", 0d, 1d), (bit.Name, bit.DataType, bit.Unit, bit.MinValue, bit.MaxValue));
        Assert.Equal("byte 24, bit 1", bit.UiHints["address"]);
        Assert.Equal(("V", 65535d), (plugin.Channels["AnalogIn"].Unit, plugin.Channels["AnalogIn"].MaxValue));
        Assert.Equal("°C", plugin.Channels["Core_Temperature"].Unit);
        Assert.Equal("mA", plugin.Channels["Setpoint"].Unit);
        Assert.Equal(("raw", "int", 4294967295d), (plugin.Channels["Counter_1"].Unit, plugin.Channels["Counter_1"].DataType, plugin.Channels["Counter_1"].MaxValue));
        Assert.Equal(255, plugin.Channels["PWM_1"].MaxValue);
    }

    [Fact]
    public async Task Configure_OwnConfig_SafeValuesComeFromPiCtoryDefaultsOrOptions()
    {
        await using var plugin = new RevPiPlugin();

        plugin.Configure(Json(new { config_path = RevPiFixtures.OwnConfig, safe_values = new Dictionary<string, double> { ["PWM_1"] = 7 } }));

        Assert.Equal(7, plugin.Channels["PWM_1"].SafeValue);
        Assert.Equal(500, plugin.Channels["Setpoint"].SafeValue);
        Assert.Equal(1, plugin.Channels["O_2"].SafeValue);
        Assert.Equal(0, plugin.Channels["O_1"].SafeValue);
        Assert.Null(plugin.Channels["I_1"].SafeValue);
    }

    [Fact]
    public async Task Configure_SignedIo_HasASignedRange()
    {
        await using var plugin = new RevPiPlugin();

        plugin.Configure(Json(new { config_path = RevPiFixtures.OwnConfig, signed_ios = new[] { "AnalogIn" } }));

        Assert.Equal((-32768d, 32767d), (plugin.Channels["AnalogIn"].MinValue, plugin.Channels["AnalogIn"].MaxValue));
    }

    [Theory]
    [InlineData("dio01")]
    [InlineData("RevPi DIO")]
    [InlineData("32")]
    public async Task Configure_DeviceFilter_KeepsOnlyThatDevice(string entry)
    {
        await using var plugin = new RevPiPlugin();

        plugin.Configure(Json(new { config_path = RevPiFixtures.OwnConfig, device_filter = new[] { entry } }));

        Assert.Equal(12, plugin.Channels.Count);
        Assert.All(plugin.ChannelList, c => Assert.Equal("dio01", c.UiHints["device"]));
    }

    [Theory]
    [InlineData("""{"device_filter":["nope"]}""", "device_filter", "no piCtory device is named 'nope'")]
    [InlineData("""{"signed_ios":["missing"]}""", "signed_ios", "no I/O named 'missing'")]
    [InlineData("""{"signed_ios":["O_1"]}""", "signed_ios", "I/O 'O_1' is a 1-bit bit and cannot be signed")]
    [InlineData("""{"safe_values":{"I_1":1}}""", "safe_values", "'I_1' is not a numeric output")]
    [InlineData("""{"safe_values":{"PWM_1":300}}""", "safe_values", "the safe value 300 of 'PWM_1' is outside 0…255")]
    [InlineData("""{"image_path":""}""", "image_path", "")]
    public async Task Configure_BadRevPiSetting_ThrowsNamingTheField(string json, string field, string expected)
    {
        await using var plugin = new RevPiPlugin();
        var config = $$"""{"config_path":{{Json(RevPiFixtures.OwnConfig)}},{{json[1..]}}""";

        var ex = Assert.Throws<PluginConfigException>(() => plugin.Configure(config));

        Assert.Equal(field, ex.Field);
        Assert.Contains(expected, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Configure_InvalidPiCtoryFile_ThrowsNamingConfigPathDeviceAndIo()
    {
        using var file = new TempConfigFile("""
            {"Devices":[{"name":"do01","position":"32","offset":0,
              "out":{"0":["O_1","0","1","0",true,"0000","","0"],"1":["O_2","0","1","0",true,"0001","","0"]}}]}
            """);
        await using var plugin = new RevPiPlugin();

        var ex = Assert.Throws<PluginConfigException>(() => plugin.Configure(Json(new { config_path = file.Path })));

        Assert.Equal("config_path", ex.Field);
        Assert.Contains("I/O 'O_2' of device 'do01' (byte 0, bit 0) overlaps I/O 'O_1'", ex.Message, StringComparison.Ordinal);
        Assert.Contains(file.Path, ex.Message, StringComparison.Ordinal);
        Assert.Equal(PluginState.Discovered, plugin.State);
    }

    [Fact]
    public async Task Configure_SharedBadOffsetFile_ThrowsNamingDeviceAndIo()
    {
        await using var plugin = new RevPiPlugin();

        var ex = Assert.Throws<PluginConfigException>(() => plugin.Configure(Json(new { config_path = RevPiFixtures.Shared("common_config_bad_offset.rsc") })));

        Assert.Equal("config_path", ex.Field);
        Assert.IsType<PiCtoryConfigException>(ex.InnerException);
        Assert.Contains("'Master_Status_Reset' of device 'ModbusTCP Master Motor'", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Configure_HostDefaults_ApplyUnlessTheInstanceSetsItsOwn()
    {
        var host = new RevPiOptions { ConfigPath = RevPiFixtures.OwnConfig, ImagePath = "/tmp/host-image" };
        host.SignedIos.Add("AnalogIn");
        host.SafeValues["PWM_1"] = 9;
        await using var fromHost = new RevPiPlugin(Options.Create(host));
        await using var own = new RevPiPlugin(Options.Create(host));

        fromHost.Configure(null);
        own.Configure(Json(new { image_path = "/tmp/own-image", config_path = "/nonexistent/config.rsc", safe_values = new Dictionary<string, double> { ["PWM_1"] = 3 } }));

        Assert.Equal(("/tmp/host-image", RevPiFixtures.OwnConfig), (fromHost.Options!.ImagePath, fromHost.Options.ConfigPath));
        Assert.Equal(-32768, fromHost.Channels["AnalogIn"].MinValue);
        Assert.Equal(9, fromHost.Channels["PWM_1"].SafeValue);
        Assert.Equal(("/tmp/own-image", "/nonexistent/config.rsc"), (own.Options!.ImagePath, own.Options.ConfigPath));
        Assert.Equal(3, own.Options.SafeValues["PWM_1"]);
        Assert.Equal(28, own.Channels.Count);
    }

    [Fact]
    public void Descriptor_DescribesTheRevPiPlugin()
    {
        var descriptor = new RevPiPlugin().Descriptor;

        Assert.Equal(("revpi", "Revolution Pi", "KUNBUS GmbH", "piControl"), (descriptor.Id, descriptor.Name, descriptor.Vendor, descriptor.Protocol));
        Assert.Equal(["hardware", "revpi", "kunbus", "dio", "aio"], descriptor.Tags);
    }

    private sealed class TempConfigFile : IDisposable
    {
        public TempConfigFile(string json)
        {
            Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"webmacs-revpi-{Guid.NewGuid():N}.rsc");
            File.WriteAllText(Path, json);
        }

        public string Path { get; }

        public void Dispose() => File.Delete(Path);
    }
}
