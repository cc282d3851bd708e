using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using WebMacs.Ota;

namespace WebMacs.AspNetCore.Tests.Ota;

/// <summary>The OTA options: defaults, the original's environment names, the <c>WebMacs:Ota</c> section and validation.</summary>
public sealed class OtaRegistrationTests
{
    private static OtaOptions Options(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection();
        services.AddOtaInfrastructure(configuration);
        using var provider = services.BuildServiceProvider();
        return provider.GetRequiredService<IOptions<OtaOptions>>().Value;
    }

    [Fact]
    public void Options_NothingConfigured_HaveTheOriginalDefaults()
    {
        var options = Options([]);

        Assert.Equal("stefanposs/webmacs", options.GitHubRepo);
        Assert.Equal(new Uri("https://api.github.com/"), options.GitHubApiUrl);
        Assert.Equal(TimeSpan.FromSeconds(8), options.GitHubTimeout);
        Assert.Equal(TimeSpan.FromSeconds(30), options.DownloadTimeout);
        Assert.Equal(500L * 1024 * 1024, options.MaxBundleBytes);
        Assert.Null(options.UpdateDirectory);
    }

    [Fact]
    public void Options_OriginalEnvironmentNames_AreRead()
    {
        var options = Options(new() { ["GITHUB_REPO"] = "me/fork", ["WEBMACS_UPDATE_DIR"] = "/srv/updates" });

        Assert.Equal("me/fork", options.GitHubRepo);
        Assert.Equal("/srv/updates", options.UpdateDirectory);
    }

    [Fact]
    public void Options_EmptyGitHubRepo_TurnsTheCheckOff()
    {
        Assert.Equal(string.Empty, Options(new() { ["GITHUB_REPO"] = string.Empty }).GitHubRepo);
    }

    [Fact]
    public void Options_Section_WinsOverTheEnvironmentNames()
    {
        var options = Options(new()
        {
            ["GITHUB_REPO"] = "me/fork",
            ["WEBMACS_UPDATE_DIR"] = "/srv/updates",
            ["WebMacs:Ota:GitHubRepo"] = "org/repo",
            ["WebMacs:Ota:UpdateDirectory"] = "/data/ota",
            ["WebMacs:Ota:GitHubApiUrl"] = "http://127.0.0.1:9/api/",
            ["WebMacs:Ota:MaxBundleBytes"] = "42",
        });

        Assert.Equal(("org/repo", "/data/ota", new Uri("http://127.0.0.1:9/api/"), 42L), (options.GitHubRepo, options.UpdateDirectory, options.GitHubApiUrl, options.MaxBundleBytes));
    }

    [Theory]
    [InlineData("WebMacs:Ota:GitHubTimeout", "00:00:00")]
    [InlineData("WebMacs:Ota:DownloadTimeout", "00:00:00")]
    [InlineData("WebMacs:Ota:MaxBundleBytes", "0")]
    public void Options_OutOfRange_FailValidationNamingTheSetting(string key, string value)
    {
        var error = Assert.Throws<OptionsValidationException>(() => Options(new() { [key] = value }));

        Assert.Contains(key.Split(':')[^1], error.Message, StringComparison.Ordinal);
    }
}
