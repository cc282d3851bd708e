using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace WebMacs.Persistence;

/// <summary>Registers the WebMacs EF Core context for a storage package; shared by every provider.</summary>
internal static class StorageRegistration
{
    /// <summary>
    /// Registers the context (scoped) and a context factory (singleton) configured by <paramref name="configureProvider"/>,
    /// with the conventions that every provider shares. Throws when another storage provider was added before.
    /// </summary>
    public static bool TryAdd<TProvider>(IServiceCollection services, Action<IServiceProvider, DbContextOptionsBuilder> configureProvider)
        where TProvider : class, IStorageProvider
    {
        var existing = services.FirstOrDefault(d => d.ServiceType == typeof(IStorageProvider));
        if (existing is not null)
        {
            if (existing.ImplementationType == typeof(TProvider))
            {
                return false;
            }

            throw new InvalidOperationException(
                $"WebMacs storage is already configured ({existing.ImplementationType?.Name}); call only one of AddPostgres() and AddSqlite().");
        }

        services.AddSingleton<IStorageProvider, TProvider>();
        services.AddDbContextFactory<WebMacsDbContext>((sp, options) =>
        {
            configureProvider(sp, options);
            options.UseSnakeCaseNamingConvention();
            options.AddInterceptors(sp.GetRequiredService<DataChangeInterceptor>());
        });
        services.TryAddScoped(sp => sp.GetRequiredService<IDbContextFactory<WebMacsDbContext>>().CreateDbContext());
        return true;
    }
}
