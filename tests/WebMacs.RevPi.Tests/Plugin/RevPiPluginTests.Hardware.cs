using WebMacs.Plugins;
using static WebMacs.RevPi.Tests.Plugin.RevPiPluginConformanceTests;

namespace WebMacs.RevPi.Tests.Plugin;

// Non-demo instances against a real file standing in for /dev/piControl0.
public partial class RevPiPluginTests
{
    private static async Task<RevPiPlugin> ConnectedAsync(TempImageFile file, object? extra = null)
    {
        var plugin = new RevPiPlugin();
        var settings = new Dictionary<string, object?> { ["demo_mode"] = false, ["config_path"] = RevPiFixtures.OwnConfig, ["image_path"] = file.Path };
        if (extra is not null)
        {
            foreach (var property in extra.GetType().GetProperties())
            {
                settings[property.Name] = property.GetValue(extra);
            }
        }

        plugin.Configure(Json(settings));
        await plugin.ConnectAsync(TestContext.Current.CancellationToken);
        return plugin;
    }

    [Fact]
    public async Task ReadInputsAsync_FileBackedImage_DecodesEveryInputInChannelOrder()
    {
        using var file = new TempImageFile();
        file.Poke(0, 0x01, 0x02, 0x03, 0x00, 0x2D, 0x64); // status 1, cycle 2, RS485ErrorCnt 3, Core_Temperature 45, Core_Frequency 100
        file.Poke(13, 0b0000_0110, 0b0000_0001);          // I_2, I_3 and I_9 on
        file.Poke(15, 0xE8, 0x03);                        // AnalogIn 1000
        file.Poke(19, 0x10, 0x27, 0x00, 0x00);            // Counter_1 10000
        file.Poke(31, 0x01, 0x00, 0x01, 0x00);            // v_in 65537
        await using var plugin = await ConnectedAsync(file);

        var readings = await plugin.ReadInputsAsync(TestContext.Current.CancellationToken);

        Assert.Equal(
            [("RevPiStatus", 1), ("RevPiIOCycle", 2), ("RS485ErrorCnt", 3), ("Core_Temperature", 45), ("Core_Frequency", 100),
             ("I_1", 0), ("I_2", 1), ("I_3", 1), ("I_9", 1), ("AnalogIn", 1000), ("Counter_1", 10000), ("v_in", 65537)],
            readings.Select(r => (r.ChannelId, r.Value!.Value)));
        Assert.Equal(0, plugin.ErrorCount);
    }

    [Fact]
    public async Task ReadAsync_SignedIo_ReadsNegativeValues()
    {
        using var file = new TempImageFile();
        file.Poke(15, 0x18, 0xFC);
        await using var plugin = await ConnectedAsync(file, new { signed_ios = new[] { "AnalogIn" } });

        Assert.Equal(-1000, await plugin.ReadAsync("AnalogIn", TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task WriteAsync_BitOutput_ChangesOnlyItsBit()
    {
        using var file = new TempImageFile();
        file.Poke(23, 0b1000_0010);
        await using var plugin = await ConnectedAsync(file);

        await plugin.WriteAsync("O_3", 1, TestContext.Current.CancellationToken);
        await plugin.WriteAsync("O_2", 0, TestContext.Current.CancellationToken);
        await plugin.WriteAsync("O_10", 1, TestContext.Current.CancellationToken);

        var bytes = file.ReadAll();
        Assert.Equal(0b1010_0000, bytes[23]);
        Assert.Equal(0b0000_0010, bytes[24]);
        Assert.Equal(1, await plugin.ReadAsync("O_3", TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task WriteAsync_WordOutput_WritesLittleEndianAndClampsToTheRange()
    {
        using var file = new TempImageFile();
        await using var plugin = await ConnectedAsync(file);

        await plugin.WriteAsync("Setpoint", 0x0102, TestContext.Current.CancellationToken);
        await plugin.WriteAsync("PWM_1", 1000, TestContext.Current.CancellationToken);

        var bytes = file.ReadAll();
        Assert.Equal([0x02, 0x01], bytes[26..28]);
        Assert.Equal(255, bytes[25]);
    }

    [Fact]
    public async Task DisconnectAsync_Connected_WritesSafeValuesAndLeavesInputs()
    {
        using var file = new TempImageFile();
        await using var plugin = await ConnectedAsync(file, new { safe_values = new Dictionary<string, double> { ["RevPiLED"] = 3 } });
        file.Poke(13, 0xFF);                      // inputs I_1..I_3 (must stay)
        file.Poke(23, 0b1111_1111, 0b1111_1111);  // outputs O_1, O_2, O_3 and O_10 plus unmapped neighbours
        file.Poke(25, 0xAA, 0xBB, 0xCC);          // PWM_1, Setpoint

        await plugin.DisconnectAsync(TestContext.Current.CancellationToken);

        var bytes = file.ReadAll();
        Assert.Equal(PluginState.Disconnected, plugin.State);
        Assert.Equal(0xFF, bytes[13]);
        Assert.Equal(0b1101_1110, bytes[23]);     // O_1 → 0, O_2 → 1 (piCtory default), O_3 → 0; bits 2, 3, 4, 6, 7 untouched
        Assert.Equal(0b1111_1101, bytes[24]);     // O_10 → 0
        Assert.Equal(50, bytes[25]);              // PWM_1 default
        Assert.Equal([0xF4, 0x01], bytes[26..28]); // Setpoint default 500
        Assert.Equal([0x0A, 0x00, 0xE8, 0x03, 0x03, 0x00], bytes[7..13]); // RS485ErrorLimit1 10, RS485ErrorLimit2 1000, RevPiLED 3
    }

    [Fact]
    public async Task ConnectAsync_MissingImage_FailsNamingImagePath()
    {
        await using var plugin = new RevPiPlugin();
        var path = Path.Combine(Path.GetTempPath(), $"no-image-{Guid.NewGuid():N}");
        plugin.Configure(Json(new { demo_mode = false, config_path = RevPiFixtures.OwnConfig, image_path = path }));

        var ex = await Assert.ThrowsAsync<PluginConnectionException>(() => plugin.ConnectAsync(TestContext.Current.CancellationToken).AsTask());

        Assert.Contains($"'{path}' (image_path) does not exist", ex.Message, StringComparison.Ordinal);
        Assert.Equal(PluginState.Error, plugin.State);
    }

    [Fact]
    public async Task ConnectAsync_ImageTooShort_Fails()
    {
        using var file = new TempImageFile(size: 30);
        await using var plugin = new RevPiPlugin();
        plugin.Configure(Json(new { demo_mode = false, config_path = RevPiFixtures.OwnConfig, image_path = file.Path }));

        var ex = await Assert.ThrowsAsync<PluginConnectionException>(() => plugin.ConnectAsync(TestContext.Current.CancellationToken).AsTask());

        Assert.Contains("shorter than the 36 bytes", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ConnectAsync_WithoutPiCtory_FailsNamingConfigPath()
    {
        using var file = new TempImageFile();
        await using var plugin = new RevPiPlugin();
        plugin.Configure(Json(new { demo_mode = false, config_path = "/nonexistent/config.rsc", image_path = file.Path }));

        var ex = await Assert.ThrowsAsync<PluginConnectionException>(() => plugin.ConnectAsync(TestContext.Current.CancellationToken).AsTask());

        Assert.Contains("no piCtory configuration at '/nonexistent/config.rsc' (config_path)", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReadInputsAsync_ImageShrunkAfterConnect_GivesNullsAndCountsOneError()
    {
        using var file = new TempImageFile();
        await using var plugin = await ConnectedAsync(file);
        using (var stream = new FileStream(file.Path, FileMode.Open, FileAccess.Write, FileShare.ReadWrite))
        {
            stream.SetLength(10);
        }

        var readings = await plugin.ReadInputsAsync(TestContext.Current.CancellationToken);

        Assert.All(readings, r => Assert.Null(r.Value));
        Assert.Equal(1, plugin.ErrorCount);
        Assert.Contains("ended at byte 10", plugin.LastError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReadInputsAsync_DemoMode_NeverTouchesTheImage()
    {
        using var file = new TempImageFile();
        await using var plugin = new RevPiPlugin();
        plugin.Configure(Json(new { config_path = RevPiFixtures.OwnConfig, image_path = file.Path }));
        await plugin.ConnectAsync(TestContext.Current.CancellationToken);

        var readings = await plugin.ReadInputsAsync(TestContext.Current.CancellationToken);
        await plugin.WriteAsync("PWM_1", 12, TestContext.Current.CancellationToken);
        await plugin.DisconnectAsync(TestContext.Current.CancellationToken);

        Assert.Equal(12, readings.Count);
        Assert.All(readings, r => Assert.NotNull(r.Value));
        Assert.All(file.ReadAll(), b => Assert.Equal(0, b));
    }
}
