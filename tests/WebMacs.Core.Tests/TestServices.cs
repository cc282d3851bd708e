using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Hosting.Internal;

namespace WebMacs.Tests;

/// <summary>Builds services with <c>AddWebMacs</c> the way a host does, from in-memory configuration.</summary>
internal static class TestServices
{
    public static IConfiguration Configuration(IReadOnlyDictionary<string, string?> settings) =>
        new ConfigurationBuilder().AddInMemoryCollection(settings).Build();

    public static IHostEnvironment Environment(string name, string contentRoot) => new HostingEnvironment
    {
        EnvironmentName = name,
        ApplicationName = "WebMacs.Core.Tests",
        ContentRootPath = contentRoot,
        ContentRootFileProvider = new NullFileProvider(),
    };

    public static ServiceProvider Build(IReadOnlyDictionary<string, string?> settings, string environment, string contentRoot)
    {
        var configuration = Configuration(settings);
        var services = new ServiceCollection();
        services.AddSingleton(configuration);
        services.AddSingleton(Environment(environment, contentRoot));
        services.AddWebMacs(configuration);
        return services.BuildServiceProvider();
    }
}
