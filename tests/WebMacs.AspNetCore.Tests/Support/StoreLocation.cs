using Microsoft.Extensions.DependencyInjection;
using WebMacs.Testing.Hosting;
using WebMacs.Testing.Postgres;

namespace WebMacs.AspNetCore.Tests.Support;

/// <summary>
/// One database that several hosts can use one after the other (a restart): a PostgreSQL database of its own, or a
/// SQLite data folder the test owns (<see cref="WebMacsTestHost"/> deletes only its own folder on dispose, so the
/// SQLite file lives here, through a <c>WebMacs:DataDirectory</c> override). Hosts get the features the test asks for.
/// </summary>
internal sealed class StoreLocation : IAsyncDisposable
{
    private readonly PostgresServer postgres;
    private readonly string? connectionString;
    private readonly string? directory;

    private StoreLocation(PostgresServer postgres, TestStore store, string? connectionString, string? directory)
    {
        this.postgres = postgres;
        Store = store;
        this.connectionString = connectionString;
        this.directory = directory;
    }

    public TestStore Store { get; }

    /// <summary>Creates the database; skips the test when the store is PostgreSQL and no server is available.</summary>
    public static async Task<StoreLocation> CreateAsync(PostgresServer postgres, TestStore store)
    {
        if (store == TestStore.Postgres)
        {
            postgres.SkipIfUnavailable();
            return new StoreLocation(postgres, store, await postgres.CreateDatabaseAsync("pipeline"), null);
        }

        return new StoreLocation(postgres, store, null, Directory.CreateTempSubdirectory("webmacs-store-").FullName);
    }

    /// <summary>Starts a host on this database with the <paramref name="features"/> (e.g. <c>b =&gt; b.AddRules()</c>) and extra settings.</summary>
    public Task<WebMacsTestHost> StartHostAsync(Action<IWebMacsBuilder>? features = null, IReadOnlyDictionary<string, string?>? settings = null)
    {
        var all = settings is null ? new Dictionary<string, string?>() : new Dictionary<string, string?>(settings);
        if (Store == TestStore.Postgres)
        {
            all["WebMacs:Postgres:ConnectionString"] = connectionString;
            return WebMacsTestHost.StartAsync(b => { b.AddPostgres(); features?.Invoke(b); }, all);
        }

        all["WebMacs:DataDirectory"] = directory;
        return WebMacsTestHost.StartAsync(b => { b.AddSqlite(); features?.Invoke(b); }, all);
    }

    public async ValueTask DisposeAsync()
    {
        if (connectionString is not null)
        {
            await postgres.DropDatabaseAsync(connectionString);
        }

        if (directory is not null)
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(directory, recursive: true);
        }
    }
}
