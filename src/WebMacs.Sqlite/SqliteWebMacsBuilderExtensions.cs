using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.Extensions.DependencyInjection.Extensions;
using WebMacs.Persistence;
using WebMacs.Sqlite;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Adds the embedded SQLite store to WebMacs.</summary>
public static class SqliteWebMacsBuilderExtensions
{
    /// <summary>
    /// Stores WebMacs data in one SQLite file (default <c>webmacs.db</c> in the data folder). Migrations are applied
    /// at start. Calling it again changes nothing; calling it after <c>AddPostgres()</c> throws.
    /// </summary>
    /// <param name="builder">The WebMacs builder.</param>
    /// <param name="configure">Changes the options after they are bound from <c>WebMacs:Sqlite</c>.</param>
    /// <returns>The same builder.</returns>
    public static IWebMacsBuilder AddSqlite(this IWebMacsBuilder builder, Action<SqliteStorageOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var options = builder.Services.AddOptions<SqliteStorageOptions>().Bind(builder.Configuration.GetSection(SqliteStorageOptions.SectionName));
        if (configure is not null)
        {
            options.Configure(configure);
        }

        if (StorageRegistration.TryAdd<SqliteStorageProvider>(builder.Services, (sp, db) =>
            {
                var provider = (SqliteStorageProvider)sp.GetRequiredService<IStorageProvider>();
                db.UseSqlite(provider.ConnectionString, sqlite => sqlite.MigrationsAssembly(typeof(SqliteStorageProvider).Assembly.GetName().Name));
                db.ReplaceService<IModelCustomizer, SqliteModelCustomizer>();
            }))
        {
            builder.Services.Replace(ServiceDescriptor.Singleton<WebMacs.Ingestion.IDatapointWriter>(
                sp => new SqliteDatapointWriter((SqliteStorageProvider)sp.GetRequiredService<IStorageProvider>())));
        }
        return builder;
    }
}
