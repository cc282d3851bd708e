using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using WebMacs.Testing.Hosting;
using WebMacs.Testing.Postgres;

namespace WebMacs.AspNetCore.Tests.Support;

/// <summary>
/// Real WebMacs hosts for one test class: at most one shared host per store, started on first use (on PostgreSQL
/// with a database of its own), plus dedicated hosts for tests that need other settings. Every host maps
/// <see cref="TestEndpoints"/>. Tests that change data only touch users and tokens they create themselves.
/// </summary>
public sealed class WebMacsHosts(PostgresServer postgres) : IAsyncLifetime
{
    private readonly SemaphoreSlim gate = new(1, 1);
    private readonly Dictionary<TestStore, WebMacsTestHost> shared = [];
    private readonly List<string> databases = [];

    /// <summary>Gets the shared host of this test class for <paramref name="store"/>; skips the test when PostgreSQL is unavailable.</summary>
    public async Task<WebMacsTestHost> GetAsync(TestStore store)
    {
        SkipIfUnavailable(store);
        await gate.WaitAsync(TestContext.Current.CancellationToken);
        try
        {
            if (!shared.TryGetValue(store, out var host))
            {
                host = await StartCoreAsync(store, settings: null, configureBuilder: null, configureApp: null);
                shared[store] = host;
            }

            return host;
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>
    /// Starts a dedicated host with extra <paramref name="settings"/> and, optionally, services of the host's own
    /// (<paramref name="configureBuilder"/>) and endpoints of its own (<paramref name="configureApp"/>, after
    /// <see cref="TestEndpoints"/>); the caller disposes it.
    /// </summary>
    public Task<WebMacsTestHost> StartAsync(
        TestStore store,
        IReadOnlyDictionary<string, string?> settings,
        Action<WebApplicationBuilder>? configureBuilder = null,
        Action<WebApplication>? configureApp = null)
    {
        SkipIfUnavailable(store);
        return StartCoreAsync(store, settings, configureBuilder, configureApp);
    }

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public async ValueTask DisposeAsync()
    {
        foreach (var host in shared.Values)
        {
            await host.DisposeAsync();
        }

        shared.Clear();
        foreach (var database in databases)
        {
            await postgres.DropDatabaseAsync(database);
        }

        databases.Clear();
        gate.Dispose();
    }

    private void SkipIfUnavailable(TestStore store)
    {
        if (store == TestStore.Postgres)
        {
            postgres.SkipIfUnavailable();
        }
    }

    private async Task<WebMacsTestHost> StartCoreAsync(
        TestStore store,
        IReadOnlyDictionary<string, string?>? settings,
        Action<WebApplicationBuilder>? configureBuilder,
        Action<WebApplication>? configureApp)
    {
        var all = settings is null ? [] : new Dictionary<string, string?>(settings);
        Action<WebApplication> mapEndpoints = app =>
        {
            TestEndpoints.Map(app);
            configureApp?.Invoke(app);
        };
        if (store == TestStore.Sqlite)
        {
            return await WebMacsTestHost.StartAsync(b => b.AddSqlite(), all, configureApp: mapEndpoints, configureBuilder: configureBuilder);
        }

        var className = TestContext.Current.TestClass?.TestClassName ?? "aspnetcore";
        var database = await postgres.CreateDatabaseAsync(className[(className.LastIndexOf('.') + 1)..]);
        lock (databases)
        {
            databases.Add(database);
        }

        all["WebMacs:Postgres:ConnectionString"] = database;
        return await WebMacsTestHost.StartAsync(b => b.AddPostgres(), all, configureApp: mapEndpoints, configureBuilder: configureBuilder);
    }
}
