using Npgsql;
using Xunit;

namespace WebMacs.Testing.Postgres;

/// <summary>
/// Provides a real PostgreSQL server to database tests, obtained once per process in this order:
/// the connection string in <c>WEBMACS_TEST_POSTGRES</c>; else a throwaway cluster started from local
/// server binaries (<c>initdb</c>/<c>pg_ctl</c> on <c>PATH</c> or under <c>/usr/lib/postgresql/*/bin</c>,
/// run as the <c>postgres</c> OS user when the process runs as root); else a Testcontainers.PostgreSql
/// container when Docker answers; else none, and <see cref="CreateDatabaseAsync"/> skips the calling test
/// with the reasons.
/// </summary>
/// <remarks>
/// Register it as an xunit v3 assembly fixture with <c>[assembly: AssemblyFixture(typeof(PostgresServer))]</c>
/// and take it as a constructor parameter. Every instance in a process shares one server, counted by
/// reference: it is started by the first <see cref="InitializeAsync"/> and stopped by the last
/// <see cref="DisposeAsync"/>.
/// </remarks>
public sealed class PostgresServer : IAsyncLifetime
{
    /// <summary>The environment variable that may hold the connection string of an existing server (superuser or <c>CREATEDB</c> role).</summary>
    public const string EnvironmentVariable = "WEBMACS_TEST_POSTGRES";

    private const string ObjectInUse = "55006";
    private const int CreateAttempts = 5;

    private PostgresBackend? backend;
    private int state;

    /// <summary>Gets the connection string of a role allowed to create databases, or <see langword="null"/> when no server is available.</summary>
    public string? AdminConnectionString => backend?.AdminConnectionString;

    /// <summary>Gets why no server is available, or <see langword="null"/> when one is.</summary>
    public string? UnavailableReason => backend is null
        ? $"The {nameof(PostgresServer)} fixture has not been initialized; register it with [assembly: AssemblyFixture(typeof({nameof(PostgresServer)}))]."
        : backend.UnavailableReason;

    /// <summary>Gets how the server was obtained: one of the <see cref="PostgresSource"/> values.</summary>
    public string Source => backend?.Source ?? PostgresSource.Unavailable;

    /// <summary>Gets a value indicating whether a server is available.</summary>
    public bool IsAvailable => AdminConnectionString is not null;

    /// <summary>Obtains the process-wide server, starting it when this is its first user, and logs the chosen source to stderr.</summary>
    /// <exception cref="InvalidOperationException"><c>WEBMACS_TEST_POSTGRES</c> is set but unreachable, or local binaries were
    /// found but the cluster failed to start; the message holds the tools' output.</exception>
    public async ValueTask InitializeAsync()
    {
        if (Interlocked.CompareExchange(ref state, 1, 0) != 0)
        {
            return;
        }

        backend = await SharedPostgresBackend.AcquireAsync(TestContext.Current.CancellationToken);
    }

    /// <summary>Releases the process-wide server, stopping a server this process started when this was its last user.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref state, 2) == 2 || backend is null)
        {
            return;
        }

        await SharedPostgresBackend.ReleaseAsync(backend);
    }

    /// <summary>Skips the calling test (xunit v3 <see cref="Assert.Skip(string)"/>) when no server is available.</summary>
    /// <exception cref="InvalidOperationException">The fixture has not been initialized.</exception>
    public void SkipIfUnavailable() => RequireServer();

    /// <summary>
    /// Creates a fresh, empty database named <c>wm_&lt;prefix&gt;_&lt;random&gt;</c> and returns its Npgsql connection string
    /// (with <c>Include Error Detail=true</c>); skips the calling test when no server is available.
    /// </summary>
    /// <param name="prefix">A readable part of the name, such as the test class; reduced to <c>[a-z0-9_]</c>.</param>
    /// <returns>The connection string of the new database.</returns>
    /// <remarks>The operation observes the current test's cancellation token (<c>TestContext.Current.CancellationToken</c>).</remarks>
    public async Task<string> CreateDatabaseAsync(string? prefix = null)
    {
        var admin = RequireServer();
        var cancellationToken = TestContext.Current.CancellationToken;
        var name = DatabaseNames.Create(prefix);
        await using var connection = new NpgsqlConnection(admin);
        await connection.OpenAsync(cancellationToken);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await using var command = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
                await command.ExecuteNonQueryAsync(cancellationToken);
                break;
            }
            catch (PostgresException ex) when (ex.SqlState == ObjectInUse && attempt < CreateAttempts)
            {
                // Another session is using the template database at this moment; try again shortly.
                await Task.Delay(TimeSpan.FromMilliseconds(200 * attempt), cancellationToken);
            }
        }

        return new NpgsqlConnectionStringBuilder(admin) { Database = name, IncludeErrorDetail = true }.ConnectionString;
    }

    /// <summary>Drops a database made by <see cref="CreateDatabaseAsync"/> (<c>DROP DATABASE ... WITH (FORCE)</c>), closing its pooled connections first.</summary>
    /// <param name="connectionString">The connection string <see cref="CreateDatabaseAsync"/> returned.</param>
    /// <exception cref="ArgumentException">The connection string names a database this fixture did not make.</exception>
    /// <remarks>Does nothing when no server is available. The operation observes the current test's cancellation token.</remarks>
    public async Task DropDatabaseAsync(string connectionString)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        var name = new NpgsqlConnectionStringBuilder(connectionString).Database;
        if (!DatabaseNames.IsFixtureDatabase(name))
        {
            throw new ArgumentException($"Refusing to drop database '{name}': only databases made by {nameof(CreateDatabaseAsync)} (wm_*) are dropped.", nameof(connectionString));
        }

        var admin = AdminConnectionString;
        if (admin is null)
        {
            return;
        }

        var cancellationToken = TestContext.Current.CancellationToken;
        await using (var pooled = new NpgsqlConnection(connectionString))
        {
            NpgsqlConnection.ClearPool(pooled);
        }

        await using var connection = new NpgsqlConnection(admin);
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)", connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private string RequireServer()
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref state) == 2, this);

        if (backend is null)
        {
            throw new InvalidOperationException(UnavailableReason);
        }

        if (backend.AdminConnectionString is null)
        {
            Assert.Skip(backend.UnavailableReason ?? "No PostgreSQL server is available.");
        }

        return backend.AdminConnectionString;
    }
}
