using System.Text.Json;
using WebMacs.Plugins.Testing;

namespace WebMacs.RevPi.Tests.Plugin;

public class RevPiPluginConformanceTests
{
    [Fact]
    public async Task VerifyAsync_FallbackChannelsWithoutPiCtory_PassesEveryCheck()
    {
        var config = Json(new { config_path = Path.Combine(Path.GetTempPath(), $"no-pictory-{Guid.NewGuid():N}.rsc") });

        var results = await PluginConformance.VerifyAsync<RevPiPlugin>(config, TestContext.Current.CancellationToken);

        Assert.All(results, r => Assert.True(r.Passed, r.Name));
    }

    [Fact]
    public async Task VerifyAsync_OwnPiCtoryConfig_PassesEveryCheck()
    {
        var results = await PluginConformance.VerifyAsync<RevPiPlugin>(Json(new { config_path = RevPiFixtures.OwnConfig }), TestContext.Current.CancellationToken);

        Assert.NotEmpty(results);
    }

    [Theory]
    [InlineData("common_config.rsc")]
    [InlineData("flat_config_flat.rsc")]
    [InlineData("revpi4_config_connect4.rsc")]
    public async Task VerifyAsync_RealPiCtoryExport_PassesEveryCheck(string file)
    {
        var config = Json(new { config_path = RevPiFixtures.Shared(file) });

        var results = await PluginConformance.VerifyAsync<RevPiPlugin>(config, TestContext.Current.CancellationToken);

        Assert.NotEmpty(results);
    }

    internal static string Json(object value) => JsonSerializer.Serialize(value);
}
