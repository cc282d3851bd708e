using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using WebMacs.Testing.Hosting;

namespace WebMacs.AspNetCore.Tests.Plugins.Packages;

/// <summary>The package limits are validated when the host starts, naming the setting.</summary>
public sealed class PluginPackageOptionsTests
{
    [Theory]
    [InlineData("MaxPackageBytes", "0")]
    [InlineData("MaxExtractedBytes", "-1")]
    [InlineData("MaxEntries", "0")]
    public async Task Start_LimitBelowOne_FailsNamingTheSetting(string setting, string value)
    {
        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => WebMacsTestHost.StartAsync(b => b.AddSqlite(),
            new Dictionary<string, string?> { [$"WebMacs:Plugins:{setting}"] = value }));

        Assert.Contains(setting, error.Message, StringComparison.Ordinal);
    }
}
