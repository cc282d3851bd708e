using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using WebMacs;
using Microsoft.Extensions.Options;
using WebMacs.Configuration;
using WebMacs.Health;
using WebMacs.Persistence;
using WebMacs.Security;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Adds WebMacs to a service collection.</summary>
public static class WebMacsServiceCollectionExtensions
{
    // Packages that join in when the application references them (see IWebMacsModule). A name that does not
    // resolve means the package is not part of the application.
    private static readonly string[] OptionalModules = ["WebMacs.AspNetCore.WebMacsHttpModule, WebMacs.AspNetCore"];

    /// <summary>
    /// Adds the WebMacs core services and returns the builder that storage, rules, plugins and the other features
    /// extend. Calling it again returns the same builder and registers nothing twice.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configuration">The configuration that WebMacs binds its options from.</param>
    /// <returns>The WebMacs builder.</returns>
    public static IWebMacsBuilder AddWebMacs(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);

        if (services.FirstOrDefault(d => d.ServiceType == typeof(WebMacsBuilder))?.ImplementationInstance is WebMacsBuilder existing)
        {
            return existing;
        }

        var builder = new WebMacsBuilder(services, configuration);
        services.AddSingleton(builder);

        services.AddOptions<WebMacsOptions>()
            .Configure(o => LegacyEnvironment.Apply(o, configuration))
            .Bind(configuration.GetSection(WebMacsOptions.SectionName))
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IPostConfigureOptions<WebMacsOptions>, DevelopmentSecretKey>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<WebMacsOptions>, WebMacsOptionsValidator>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<WebMacsOptions>, ProductionSafetyValidator>());

        services.TryAddSingleton(TimeProvider.System);
        services.AddLogging();

        services.TryAddSingleton<AccessTokenService>();
        services.TryAddScoped<AuthService>();
        services.TryAddSingleton<CredentialCache>();
        services.TryAddScoped<HealthService>();
        services.TryAddSingleton<UptimeClock>();
        services.TryAddScoped<StartupInitializer>();
        services.TryAddScoped<ChangeSaver>();
        services.TryAddScoped<WebMacs.Webhooks.WebhookOutbox>();
        services.TryAddScoped<WebMacs.Users.UserService>();
        services.TryAddScoped<WebMacs.Ota.FirmwareService>();
        services.TryAddScoped<WebMacs.Ota.UpdateCheckService>();
        WebMacs.Ota.OtaRegistration.AddOtaInfrastructure(services, configuration);
        services.TryAddScoped<WebMacs.Dashboards.DashboardService>();
        services.TryAddScoped<WebMacs.Plugins.PluginInstanceService>();
        services.TryAddScoped<WebMacs.Plugins.ChannelMappingService>();
        services.TryAddScoped<WebMacs.Plugins.PluginPackageService>();
        WebMacs.Plugins.PluginRegistration.AddPluginInfrastructure(services, configuration);
        services.TryAddScoped<WebMacs.Tokens.ApiTokenService>();
        services.TryAddScoped<WebMacs.Events.EventService>();
        services.TryAddScoped<WebMacs.Experiments.ExperimentService>();
        services.TryAddScoped<WebMacs.Experiments.ExperimentCsvExporter>();
        services.TryAddScoped<WebMacs.LogEntries.LogEntryService>();
        services.TryAddScoped<WebMacs.Datapoints.DatapointIngestion>();
        services.TryAddSingleton<WebMacs.Ingestion.DatapointFeed>();
        WebMacs.Ingestion.IngestionRegistration.AddIngestion(services, configuration);
        WebMacs.Commands.CommandsRegistration.AddCommands(services);
        services.TryAddScoped<WebMacs.Datapoints.DatapointService>();
        services.TryAddScoped<WebMacs.Webhooks.WebhookService>();
        services.TryAddScoped<WebMacs.Rules.RuleService>();

        // Start-up work (migrations, admin seeding) runs before any other hosted service starts listening.
        services.AddHostedService<WebMacsStartupService>();
        services.AddHostedService<BlacklistPurgeService>();

        foreach (var name in OptionalModules)
        {
            if (Type.GetType(name, throwOnError: false) is { } type && Activator.CreateInstance(type) is IWebMacsModule module)
            {
                module.Register(builder);
            }
        }

        return builder;
    }
}
