using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using WebMacs.Testing.Storage;

namespace WebMacs.Sqlite.Tests;

/// <summary>The shared storage suite on a real SQLite file in the test's data folder, plus what only SQLite has.</summary>
public sealed class SqliteStorageTests : StorageTestSuite
{
    protected override string ListTablesSql => "SELECT name FROM sqlite_master WHERE type = 'table'";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Startup_DefaultOptions_CreatesDatabaseFileInDataDirectoryInWalMode()
    {
        var file = Path.Combine(DataDirectory, "webmacs.db");

        Assert.True(File.Exists(file), $"{file} was not created.");
        Assert.Equal("wal", await JournalModeAsync(file));
    }

    [Fact]
    public async Task Startup_RelativeFileName_CreatesFileAndFolderUnderDataDirectory()
    {
        var services = BuildServices(new Dictionary<string, string?> { ["WebMacs:Sqlite:FileName"] = Path.Combine("nested", "other.db") });

        await RunStartupAsync(services);

        var file = Path.Combine(DataDirectory, "nested", "other.db");
        Assert.True(File.Exists(file), $"{file} was not created.");
        Assert.Equal("wal", await JournalModeAsync(file));
    }

    [Fact]
    public void AddSqlite_CalledTwice_RegistersOneStore()
    {
        var services = new ServiceCollection();
        var configuration = new Microsoft.Extensions.Configuration.ConfigurationBuilder().Build();
        var builder = services.AddWebMacs(configuration);

        Assert.Same(builder, builder.AddSqlite());
        Assert.Same(builder, builder.AddSqlite());

        Assert.Single(services, d => d.ServiceType == typeof(Persistence.IStorageProvider));
        Assert.Single(services, d => d.ServiceType == typeof(Microsoft.EntityFrameworkCore.IDbContextFactory<Persistence.WebMacsDbContext>));
    }

    protected override void AddStorage(IWebMacsBuilder builder) => builder.AddSqlite();

    protected override ValueTask DropStoreAsync()
    {
        // Pooled connections keep the file open; only idle ones are closed, so other tests are not disturbed.
        SqliteConnection.ClearAllPools();
        return ValueTask.CompletedTask;
    }

    private static async Task<string> JournalModeAsync(string file)
    {
        await using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = file, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
        await connection.OpenAsync(Ct);
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode;";
        return (string)(await command.ExecuteScalarAsync(Ct))!;
    }
}
