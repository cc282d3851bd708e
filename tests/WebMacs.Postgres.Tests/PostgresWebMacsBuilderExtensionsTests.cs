using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;
using WebMacs.Persistence;
using WebMacs.Testing.Postgres;

namespace WebMacs.Postgres.Tests;

public sealed class PostgresWebMacsBuilderExtensionsTests(PostgresServer postgres) : IDisposable
{
    private const string SecretKey = "postgres-builder-tests-secret-key-0123456789";
    private readonly string dataDirectory = Directory.CreateTempSubdirectory("webmacs-pg-builder-").FullName;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public void AddSqlite_AfterAddPostgres_ThrowsInvalidOperationException()
    {
        var builder = new ServiceCollection().AddWebMacs(new ConfigurationBuilder().Build()).AddPostgres();

        var ex = Assert.Throws<InvalidOperationException>(() => builder.AddSqlite());
        Assert.Contains("AddPostgres()", ex.Message, StringComparison.Ordinal);
        Assert.Contains("AddSqlite()", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AddPostgres_AfterAddSqlite_ThrowsInvalidOperationException()
    {
        var builder = new ServiceCollection().AddWebMacs(new ConfigurationBuilder().Build()).AddSqlite();

        Assert.Throws<InvalidOperationException>(() => builder.AddPostgres());
    }

    [Fact]
    public void AddPostgres_CalledTwice_RegistersOneStore()
    {
        var services = new ServiceCollection();
        var builder = services.AddWebMacs(new ConfigurationBuilder().Build());

        Assert.Same(builder, builder.AddPostgres());
        Assert.Same(builder, builder.AddPostgres());

        Assert.Single(services, d => d.ServiceType == typeof(IStorageProvider));
        Assert.Single(services, d => d.ServiceType == typeof(NpgsqlDataSource));
        Assert.Single(services, d => d.ServiceType == typeof(IDbContextFactory<WebMacsDbContext>));
    }

    [Fact]
    public void AddPostgres_SectionAndDatabaseUrl_SectionWins()
    {
        using var services = Services(new()
        {
            ["DATABASE_URL"] = "postgresql://u:p@from-url/webmacs",
            ["WebMacs:Postgres:ConnectionString"] = "Host=from-section;Database=webmacs",
        });

        Assert.Equal("Host=from-section;Database=webmacs", services.GetRequiredService<IOptions<PostgresStorageOptions>>().Value.ConnectionString);
    }

    [Fact]
    public void AddPostgres_OnlyDatabaseUrl_UsesIt()
    {
        using var services = Services(new() { ["DATABASE_URL"] = "postgresql://u:p@from-url/webmacs" });

        Assert.Equal("postgresql://u:p@from-url/webmacs", services.GetRequiredService<IOptions<PostgresStorageOptions>>().Value.ConnectionString);
    }

    [Theory]
    [InlineData(null, "must be set")]
    [InlineData("mysql://u:p@db/webmacs", "must start with postgresql://")]
    public async Task StartAsync_MissingOrMalformedDatabaseUrl_ThrowsOptionsValidationExceptionNamingDatabaseUrl(string? url, string reason)
    {
        using var host = Host(new() { ["DATABASE_URL"] = url });

        var ex = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync(Ct));

        Assert.Contains("DATABASE_URL", ex.Message, StringComparison.Ordinal);
        Assert.Contains(reason, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StartAsync_OriginalDatabaseUrlAndEnvironmentNames_MigratesAndSeedsThatDatabase()
    {
        var connectionString = await postgres.CreateDatabaseAsync("builder");
        try
        {
            var settings = new NpgsqlConnectionStringBuilder(connectionString);
            var url = $"postgresql+asyncpg://{Uri.EscapeDataString(settings.Username!)}@{settings.Host}:{settings.Port}/{settings.Database}";
            using (var host = Host(new() { ["DATABASE_URL"] = url }))
            {
                await host.StartAsync(Ct);
                await using (var scope = host.Services.CreateAsyncScope())
                {
                    var db = scope.ServiceProvider.GetRequiredService<WebMacsDbContext>();
                    var admin = await db.Users.SingleAsync(Ct);
                    Assert.Equal("legacy@webmacs.test", admin.Email);
                    Assert.Equal(settings.Database, db.Database.GetDbConnection().Database);
                }

                await host.StopAsync(Ct);
            }
        }
        finally
        {
            await postgres.DropDatabaseAsync(connectionString);
        }
    }

    public void Dispose() => Directory.Delete(dataDirectory, recursive: true);

    private static ServiceProvider Services(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection();
        services.AddWebMacs(configuration).AddPostgres();
        return services.BuildServiceProvider();
    }

    // A Generic Host configured only through the original WebMACS environment names.
    private IHost Host(Dictionary<string, string?> settings)
    {
        var builder = Microsoft.Extensions.Hosting.Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
        {
            DisableDefaults = true,
            EnvironmentName = Environments.Development,
            ContentRootPath = dataDirectory,
        });
        builder.Logging.ClearProviders();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["SECRET_KEY"] = SecretKey,
            ["INITIAL_ADMIN_EMAIL"] = "legacy@webmacs.test",
            ["INITIAL_ADMIN_PASSWORD"] = "Legacy-Password-1",
            ["WEBMACS_DATA_DIR"] = dataDirectory,
        });
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Services.AddWebMacs(builder.Configuration).AddPostgres();
        return builder.Build();
    }
}
