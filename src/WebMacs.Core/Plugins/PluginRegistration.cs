using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using WebMacs.Configuration;

namespace WebMacs.Plugins;

/// <summary>Registers the plugin catalogue, the package loader and the package options (with the original's environment name).</summary>
internal static class PluginRegistration
{
    public const string PackageDirectoryVariable = "WEBMACS_PLUGIN_DIR";

    public static void AddPluginInfrastructure(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<PluginPackageOptions>()
            .Configure(o =>
            {
                if (LegacyEnvironment.Get(configuration, PackageDirectoryVariable) is { } directory) o.PackageDirectory = directory;
            })
            .Bind(configuration.GetSection(PluginPackageOptions.SectionName))
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<PluginPackageOptions>, PluginPackageOptionsValidator>());
        services.TryAddSingleton<PluginPackageLoader>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, PluginPackageStartupService>());
        services.TryAddSingleton<IPluginCatalog, DefaultPluginCatalog>();
    }
}
