using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace WebMacs.Tests.DependencyInjection;

public sealed class WebMacsServiceCollectionExtensionsTests : IDisposable
{
    private const string Secret = "di-tests-secret-key-0123456789abcdef0123";
    private readonly string contentRoot = Directory.CreateTempSubdirectory("webmacs-di-").FullName;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public void AddWebMacs_CalledTwice_ReturnsSameBuilderAndRegistersNothingTwice()
    {
        var services = new ServiceCollection();
        var configuration = new ConfigurationBuilder().Build();

        var first = services.AddWebMacs(configuration);
        var registrations = services.Select(d => (d.ServiceType, d.ImplementationType, d.Lifetime)).ToList();
        var second = services.AddWebMacs(configuration);

        Assert.Same(first, second);
        Assert.Same(services, first.Services);
        Assert.Same(configuration, first.Configuration);
        Assert.Equal(registrations, services.Select(d => (d.ServiceType, d.ImplementationType, d.Lifetime)));
    }

    [Fact]
    public void AddWebMacs_NullArguments_Throw()
    {
        var configuration = new ConfigurationBuilder().Build();

        Assert.Throws<ArgumentNullException>(() => ((IServiceCollection)null!).AddWebMacs(configuration));
        Assert.Throws<ArgumentNullException>(() => new ServiceCollection().AddWebMacs(null!));
    }

    [Fact]
    public void AddWebMacs_TimeProviderRegisteredBefore_KeepsIt()
    {
        var time = new FakeTimeProvider();
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(time);

        services.AddWebMacs(new ConfigurationBuilder().Build());

        using var provider = services.BuildServiceProvider();
        Assert.Same(time, provider.GetRequiredService<TimeProvider>());
    }

    [Theory]
    [InlineData("Production", "SECRET_KEY", "changeme", "SECRET_KEY")]
    [InlineData("Production", "INITIAL_ADMIN_PASSWORD", "admin123", "INITIAL_ADMIN_PASSWORD")]
    [InlineData("Development", "WebMacs:AccessTokenExpireMinutes", "0", "AccessTokenExpireMinutes")]
    [InlineData("Development", "WebMacs:InitialAdminUsername", "x", "InitialAdminUsername")]
    public async Task StartAsync_HostWithBadSetting_ThrowsOptionsValidationExceptionNamingSetting(string environment, string key, string value, string setting)
    {
        using var host = BuildHost(environment, new() { [key] = value });

        var ex = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync(Ct));

        Assert.Contains(setting, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StartAsync_NoStorage_ThrowsStartupExceptionNamingStorageCalls()
    {
        using var host = BuildHost(Environments.Development, []);

        var ex = await Assert.ThrowsAsync<WebMacsStartupException>(() => host.StartAsync(Ct));

        Assert.Contains("AddPostgres()", ex.Message, StringComparison.Ordinal);
        Assert.Contains("AddSqlite()", ex.Message, StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(contentRoot, recursive: true);

    private IHost BuildHost(string environment, Dictionary<string, string?> settings)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
        {
            DisableDefaults = true,
            EnvironmentName = environment,
            ContentRootPath = contentRoot,
        });
        builder.Logging.ClearProviders();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["SECRET_KEY"] = Secret,
            ["INITIAL_ADMIN_PASSWORD"] = "Strong-Password-1",
            ["WEBMACS_DATA_DIR"] = contentRoot,
        });
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Services.AddWebMacs(builder.Configuration);
        return builder.Build();
    }
}
