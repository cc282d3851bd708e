using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using WebMacs.Configuration;

namespace WebMacs.Plugins;

/// <summary>Registers the plugin catalogue and the package options (with the original's environment name).</summary>
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
            .Bind(configuration.GetSection(PluginPackageOptions.SectionName));
        services.TryAddSingleton<IPluginCatalog, DefaultPluginCatalog>();
    }
}
