using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using WebMacs.Persistence;

namespace WebMacs.Ingestion;

/// <summary>Registers the ingestion pipeline: options, caches, metrics, the portable writer and the hosted loops.</summary>
internal static class IngestionRegistration
{
    public static void AddIngestion(IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<IngestionOptions>().Bind(configuration.GetSection(IngestionOptions.SectionName)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<IngestionOptions>, IngestionOptionsValidator>());
        services.TryAddSingleton<DataVersions>();
        services.TryAddSingleton<DataChangeInterceptor>();
        services.TryAddSingleton<IngestionCatalog>();
        services.TryAddSingleton<IngestionMetrics>();

        // Storage packages replace this with their bulk writer.
        services.TryAddSingleton<IDatapointWriter>(sp => new EfDatapointWriter(sp.GetRequiredService<IDbContextFactory<WebMacsDbContext>>()));
        services.TryAddSingleton<IngestionPipeline>();
        services.AddHostedService(sp => sp.GetRequiredService<IngestionPipeline>());
    }
}
