using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using WebMacs.Persistence;

namespace WebMacs.Sqlite;

/// <summary>One SQLite file under the data folder, in WAL mode so readers never wait for the writer.</summary>
internal sealed class SqliteStorageProvider(IOptions<SqliteStorageOptions> sqlite, IOptions<WebMacsOptions> core, IHostEnvironment environment) : IStorageProvider
{
    public string Name => "SQLite";

    public string FilePath => Path.GetFullPath(sqlite.Value.FileName, Path.GetFullPath(core.Value.DataDirectory, environment.ContentRootPath));

    public string ConnectionString => new SqliteConnectionStringBuilder
    {
        DataSource = FilePath,
        Mode = SqliteOpenMode.ReadWriteCreate,
        Cache = SqliteCacheMode.Default,
        Pooling = true,
        DefaultTimeout = 30,
    }.ToString();

    public string Describe() => $"SQLite file {FilePath}";

    public ConstraintViolation Classify(Exception exception)
    {
        // SQLite extended result codes: https://www.sqlite.org/rescode.html
        var sqlite = exception as SqliteException ?? exception.InnerException as SqliteException;
        return sqlite?.SqliteExtendedErrorCode switch
        {
            2067 or 1555 => ConstraintViolation.Unique,      // SQLITE_CONSTRAINT_UNIQUE, _PRIMARYKEY
            787 => ConstraintViolation.ForeignKey,           // SQLITE_CONSTRAINT_FOREIGNKEY
            1299 => ConstraintViolation.NotNull,             // SQLITE_CONSTRAINT_NOTNULL
            275 => ConstraintViolation.Check,                // SQLITE_CONSTRAINT_CHECK
            _ => ConstraintViolation.None,
        };
    }

    public async Task PrepareAsync(CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(FilePath)!);
        var connection = new SqliteConnection(ConnectionString);
        await using (connection.ConfigureAwait(false))
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            var command = connection.CreateCommand();
            await using (command.ConfigureAwait(false))
            {
                // WAL is a property of the file: set once, it stays for every later connection.
                command.CommandText = "PRAGMA journal_mode=WAL;";
                await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }
        }
    }
}
