using Microsoft.Extensions.DependencyInjection;
using WebMacs.Testing.Postgres;
using WebMacs.Testing.Storage;

namespace WebMacs.Postgres.Tests;

/// <summary>The shared storage suite on a real PostgreSQL server, with a fresh database for every test.</summary>
public sealed class PostgresStorageTests(PostgresServer postgres) : StorageTestSuite
{
    private string? connectionString;

    protected override string ListTablesSql =>
        "SELECT table_name::text FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE'";

    protected override void AddStorage(IWebMacsBuilder builder) =>
        builder.AddPostgres(o => o.ConnectionString = connectionString ?? throw new InvalidOperationException("No database was created."));

    protected override async ValueTask CreateStoreAsync() => connectionString = await postgres.CreateDatabaseAsync("storage");

    protected override async ValueTask DropStoreAsync()
    {
        if (connectionString is not null)
        {
            await postgres.DropDatabaseAsync(connectionString);
        }
    }
}
