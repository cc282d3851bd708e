using Npgsql;

namespace WebMacs.Testing.Postgres;

/// <summary>Holds the server the fixture obtained (or why it obtained none) and what must be stopped afterwards.</summary>
internal sealed class PostgresBackend : IAsyncDisposable
{
    private static readonly TimeSpan DockerTimeout = TimeSpan.FromMinutes(5);

    private readonly IAsyncDisposable? owned;

    private PostgresBackend(string source, string? adminConnectionString, string? unavailableReason, string description, IAsyncDisposable? owned)
    {
        Source = source;
        AdminConnectionString = adminConnectionString;
        UnavailableReason = unavailableReason;
        Description = description;
        this.owned = owned;
    }

    /// <summary>Gets one of the <see cref="PostgresSource"/> values.</summary>
    public string Source { get; }

    /// <summary>Gets the superuser connection string, or <see langword="null"/> when no server is available.</summary>
    public string? AdminConnectionString { get; }

    /// <summary>Gets why no server is available, or <see langword="null"/> when one is.</summary>
    public string? UnavailableReason { get; }

    /// <summary>Gets a one-line description for logs.</summary>
    public string Description { get; }

    /// <summary>Obtains a server: <c>WEBMACS_TEST_POSTGRES</c>, else local binaries, else Docker, else none (with the reasons).</summary>
    /// <exception cref="InvalidOperationException">The configured server is unreachable, or the local binaries were found but failed.</exception>
    public static async Task<PostgresBackend> StartAsync(CancellationToken cancellationToken)
    {
        var configured = Environment.GetEnvironmentVariable(PostgresServer.EnvironmentVariable);
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return await FromEnvironmentAsync(configured, cancellationToken);
        }

        var reasons = new List<string> { $"{PostgresServer.EnvironmentVariable} is not set" };
        var binaries = PostgresBinaries.Find();
        if (binaries is not null)
        {
            var cluster = await LocalPostgresCluster.StartAsync(binaries, cancellationToken);
            return new PostgresBackend(PostgresSource.LocalCluster, cluster.ConnectionString, null, cluster.Description, cluster);
        }

        reasons.Add($"no initdb/pg_ctl on PATH or under {PostgresBinaries.VersionedRoot}/*/bin");
        var whyNotDocker = DockerPostgres.WhyNotTried();
        if (whyNotDocker is null)
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(DockerTimeout);
            try
            {
                var container = await DockerPostgres.StartAsync(timeout.Token);
                var connectionString = new NpgsqlConnectionStringBuilder(container.GetConnectionString()) { IncludeErrorDetail = true }.ConnectionString;
                return new PostgresBackend(
                    PostgresSource.Testcontainers, connectionString, null, $"Testcontainers, image {DockerPostgres.Image}, container {container.Id[..12]}", container);
            }
            catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
            {
                // Recorded, not swallowed: the reason ends up in UnavailableReason, in every skip message and in the log.
                reasons.Add($"Docker failed: {ex.GetType().Name}: {ex.Message}");
            }
        }
        else
        {
            reasons.Add(whyNotDocker);
        }

        var reason = "No PostgreSQL server for database tests: " + string.Join("; ", reasons)
            + $". Set {PostgresServer.EnvironmentVariable} to a connection string, install the PostgreSQL server (Debian: apt-get install postgresql), or start Docker.";
        return new PostgresBackend(PostgresSource.Unavailable, null, reason, "unavailable, database tests will be skipped: " + reason, null);
    }

    /// <summary>Stops the server the fixture started, if any.</summary>
    public async ValueTask DisposeAsync()
    {
        if (owned is not null)
        {
            await owned.DisposeAsync();
        }
    }

    private static async Task<PostgresBackend> FromEnvironmentAsync(string connectionString, CancellationToken cancellationToken)
    {
        NpgsqlConnectionStringBuilder builder;
        try
        {
            builder = new NpgsqlConnectionStringBuilder(connectionString) { IncludeErrorDetail = true };
        }
        catch (ArgumentException ex)
        {
            throw new InvalidOperationException($"{PostgresServer.EnvironmentVariable} does not hold a valid Npgsql connection string: {ex.Message}", ex);
        }

        var where = $"{builder.Host}:{builder.Port}/{builder.Database ?? "(default database)"} as {builder.Username ?? "(default user)"}";
        try
        {
            await using var connection = new NpgsqlConnection(builder.ConnectionString);
            await connection.OpenAsync(cancellationToken);
            return new PostgresBackend(
                PostgresSource.EnvironmentVariable,
                builder.ConnectionString,
                null,
                $"{PostgresServer.EnvironmentVariable} ({where}, PostgreSQL {connection.PostgreSqlVersion})",
                null);
        }
        catch (Exception ex) when (ex is NpgsqlException or TimeoutException or System.Net.Sockets.SocketException)
        {
            throw new InvalidOperationException($"{PostgresServer.EnvironmentVariable} is set, but {where} could not be reached: {ex.Message}", ex);
        }
    }
}
