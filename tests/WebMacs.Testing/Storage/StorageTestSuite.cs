using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Hosting.Internal;
using Microsoft.Extensions.Time.Testing;
using WebMacs.Persistence;
using Xunit;

namespace WebMacs.Testing.Storage;

/// <summary>
/// The storage tests every WebMacs store must pass, identically: migrations, start-up seeding, constraints, the
/// deletion semantics of reference §2.3, value round trips, authentication and health. A provider's test project
/// derives from it and says how to add its store (<see cref="AddStorage"/>) and how to make and drop an empty one.
/// </summary>
/// <remarks>
/// Each test gets a fresh store, a private data folder and services built the way a host builds them
/// (<c>AddWebMacs(configuration)</c> plus the store), and the real start-up (migrations, admin seeding, start-up
/// log entry) has run before the test starts. Time is a <see cref="FakeTimeProvider"/>.
/// </remarks>
public abstract partial class StorageTestSuite : IAsyncLifetime
{
    /// <summary>The e-mail of the seeded administrator.</summary>
    protected const string AdminEmail = "admin@webmacs.test";

    /// <summary>The username of the seeded administrator.</summary>
    protected const string AdminUsername = "admin";

    /// <summary>The password of the seeded administrator.</summary>
    protected const string AdminPassword = "Storage-Suite-Admin-1";

    /// <summary>The access token lifetime the suite configures, in minutes.</summary>
    protected const int TokenLifetimeMinutes = 60;

    private const string SecretKey = "storage-suite-secret-key-0123456789abcdef";

    private readonly List<ServiceProvider> providers = [];
    private ServiceProvider? services;

    /// <summary>Gets the clock every service of the test uses.</summary>
    protected FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 3, 14, 9, 26, 53, TimeSpan.Zero));

    /// <summary>Gets the private data folder of the test (deleted afterwards).</summary>
    protected string DataDirectory { get; } = Directory.CreateTempSubdirectory("webmacs-storage-").FullName;

    /// <summary>Gets the services of the test, after start-up has run.</summary>
    protected IServiceProvider Services => services ?? throw new InvalidOperationException("The store has not been initialized.");

    /// <summary>Gets the SQL that lists the names of the tables in the store, one row each.</summary>
    protected abstract string ListTablesSql { get; }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>Creates the store, builds the services and runs start-up.</summary>
    public async ValueTask InitializeAsync()
    {
        await CreateStoreAsync();
        services = BuildServices();
        await RunStartupAsync(services);
    }

    /// <summary>Disposes the services, drops the store and deletes the data folder.</summary>
    public async ValueTask DisposeAsync()
    {
        foreach (var provider in providers)
        {
            await provider.DisposeAsync();
        }

        await DropStoreAsync();
        if (Directory.Exists(DataDirectory))
        {
            Directory.Delete(DataDirectory, recursive: true);
        }

        GC.SuppressFinalize(this);
    }

    /// <summary>Adds the store under test, e.g. <c>builder.AddSqlite()</c>.</summary>
    /// <param name="builder">The builder <c>AddWebMacs</c> returned.</param>
    protected abstract void AddStorage(IWebMacsBuilder builder);

    /// <summary>Makes an empty store for this test (e.g. a new database); called before any service is built.</summary>
    /// <returns>A task that completes when the store exists.</returns>
    protected virtual ValueTask CreateStoreAsync() => ValueTask.CompletedTask;

    /// <summary>Removes the store of this test; called after every service is disposed.</summary>
    /// <returns>A task that completes when the store is gone.</returns>
    protected virtual ValueTask DropStoreAsync() => ValueTask.CompletedTask;

    /// <summary>
    /// Builds services on this test's store the way a host does: logging, configuration, host environment,
    /// the fake clock, <c>AddWebMacs(configuration)</c> and <see cref="AddStorage"/>. Start-up has not run.
    /// </summary>
    /// <param name="settings">Configuration keys that override the suite's defaults.</param>
    /// <param name="environmentName">The host environment name.</param>
    /// <returns>The services; disposed with the test.</returns>
    protected ServiceProvider BuildServices(IReadOnlyDictionary<string, string?>? settings = null, string environmentName = "Development")
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["WebMacs:SecretKey"] = SecretKey,
                ["WebMacs:DataDirectory"] = DataDirectory,
                ["WebMacs:InitialAdminEmail"] = AdminEmail,
                ["WebMacs:InitialAdminUsername"] = AdminUsername,
                ["WebMacs:InitialAdminPassword"] = AdminPassword,
                ["WebMacs:AccessTokenExpireMinutes"] = TokenLifetimeMinutes.ToString(System.Globalization.CultureInfo.InvariantCulture),
            })
            .AddInMemoryCollection(settings ?? new Dictionary<string, string?>())
            .Build();

        var collection = new ServiceCollection();
        collection.AddLogging();
        collection.AddSingleton<IConfiguration>(configuration);
        collection.AddSingleton<IHostEnvironment>(new HostingEnvironment
        {
            EnvironmentName = environmentName,
            ApplicationName = "WebMacs.StorageTests",
            ContentRootPath = DataDirectory,
            ContentRootFileProvider = new NullFileProvider(),
        });
        collection.AddSingleton<TimeProvider>(Time);
        AddStorage(collection.AddWebMacs(configuration));

        var provider = collection.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true });
        providers.Add(provider);
        return provider;
    }

    /// <summary>Runs the WebMacs start-up (migrations, admin seeding, start-up log entry) as a host's "starting" phase does.</summary>
    /// <param name="provider">Services from <see cref="BuildServices"/>.</param>
    /// <returns>A task that completes when start-up is done.</returns>
    protected static async Task RunStartupAsync(IServiceProvider provider)
    {
        ArgumentNullException.ThrowIfNull(provider);
        var lifecycle = provider.GetServices<IHostedService>().OfType<IHostedLifecycleService>().ToList();
        Assert.NotEmpty(lifecycle);
        foreach (var service in lifecycle)
        {
            await service.StartingAsync(Ct);
        }
    }

    private WebMacsDbContext NewContext() => Services.GetRequiredService<IDbContextFactory<WebMacsDbContext>>().CreateDbContext();

    private async Task<List<string>> QueryStringsAsync(string sql)
    {
        await using var db = NewContext();
        var connection = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync(Ct);
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        var values = new List<string>();
        await using var reader = await command.ExecuteReaderAsync(Ct);
        while (await reader.ReadAsync(Ct))
        {
            values.Add(reader.GetString(0));
        }

        return values;
    }

    private async Task<string> QueryStringAsync(string sql) => Assert.Single(await QueryStringsAsync(sql));

    private async Task<T> InScopeAsync<T>(Func<IServiceProvider, Task<T>> action)
    {
        await using var scope = Services.CreateAsyncScope();
        return await action(scope.ServiceProvider);
    }
}
