using Microsoft.Extensions.DependencyInjection;
using WebMacs.AspNetCore.Tests.Support;
using WebMacs.Plugins;
using WebMacs.Testing.Hosting;
using WebMacs.Testing.Postgres;

namespace WebMacs.AspNetCore.Tests.Plugins;

/// <summary>
/// The hosts of one plugin test class: per store, a shared WebMacs host whose services hold a
/// <see cref="TestPluginCatalog"/> in place of the default (empty) catalogue; on PostgreSQL with a database of its own.
/// </summary>
public sealed class PluginHosts(PostgresServer postgres) : IAsyncLifetime
{
    private readonly Dictionary<TestStore, WebMacsTestHost> shared = [];
    private readonly List<string> databases = [];
    private readonly SemaphoreSlim gate = new(1, 1);

    /// <summary>Gets the catalogue every shared host of this class uses.</summary>
    internal TestPluginCatalog Catalog { get; } = new();

    public async Task<WebMacsTestHost> GetAsync(TestStore store)
    {
        await gate.WaitAsync(TestContext.Current.CancellationToken);
        try
        {
            if (!shared.TryGetValue(store, out var host))
            {
                host = await StartAsync(store, withCatalog: true);
                shared[store] = host;
            }

            return host;
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>Starts a dedicated host; without the test catalogue it has the default one. The caller disposes it.</summary>
    public async Task<WebMacsTestHost> StartAsync(TestStore store, bool withCatalog)
    {
        var settings = new Dictionary<string, string?>();
        if (store == TestStore.Postgres)
        {
            postgres.SkipIfUnavailable();
            var database = await postgres.CreateDatabaseAsync("plugins");
            lock (databases)
            {
                databases.Add(database);
            }

            settings["WebMacs:Postgres:ConnectionString"] = database;
        }

        return await WebMacsTestHost.StartAsync(
            b =>
            {
                if (store == TestStore.Postgres)
                {
                    b.AddPostgres();
                }
                else
                {
                    b.AddSqlite();
                }

                if (withCatalog)
                {
                    b.Services.AddSingleton<IPluginCatalog>(Catalog);
                }
            },
            settings);
    }

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public async ValueTask DisposeAsync()
    {
        foreach (var host in shared.Values)
        {
            await host.DisposeAsync();
        }

        foreach (var database in databases)
        {
            await postgres.DropDatabaseAsync(database);
        }

        gate.Dispose();
    }
}
