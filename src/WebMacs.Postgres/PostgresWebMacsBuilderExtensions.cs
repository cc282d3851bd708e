using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using WebMacs.Persistence;
using WebMacs.Postgres;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Adds the PostgreSQL store to WebMacs.</summary>
public static class PostgresWebMacsBuilderExtensions
{
    /// <summary>
    /// Stores WebMacs data in PostgreSQL. The connection comes from <c>WebMacs:Postgres:ConnectionString</c>, else
    /// from the original's <c>DATABASE_URL</c>; a missing or malformed value stops the host at start with a message
    /// naming the setting. Migrations are applied at start. Calling it again changes nothing; calling it after
    /// <c>AddSqlite()</c> throws.
    /// </summary>
    /// <param name="builder">The WebMacs builder.</param>
    /// <param name="configure">Changes the options after they are bound.</param>
    /// <returns>The same builder.</returns>
    public static IWebMacsBuilder AddPostgres(this IWebMacsBuilder builder, Action<PostgresStorageOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var configuration = builder.Configuration;
        var options = builder.Services.AddOptions<PostgresStorageOptions>()
            .Configure(o => o.ConnectionString = configuration["DATABASE_URL"] is { Length: > 0 } url ? url : o.ConnectionString)
            .Bind(configuration.GetSection(PostgresStorageOptions.SectionName))
            .ValidateOnStart();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<PostgresStorageOptions>, PostgresStorageOptionsValidator>());
        if (StorageRegistration.TryAdd<PostgresStorageProvider>(builder.Services, (sp, db) =>
            {
                var provider = (PostgresStorageProvider)sp.GetRequiredService<IStorageProvider>();
                db.UseNpgsql(provider.DataSource, npgsql => npgsql.MigrationsAssembly(typeof(PostgresStorageProvider).Assembly.GetName().Name));
            }))
        {
            builder.Services.AddSingleton(sp => ((PostgresStorageProvider)sp.GetRequiredService<IStorageProvider>()).DataSource);
            builder.Services.Replace(ServiceDescriptor.Singleton<WebMacs.Ingestion.IDatapointWriter, PostgresDatapointWriter>());
        }

        return builder;
    }
}
