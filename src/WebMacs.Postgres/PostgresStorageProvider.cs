using Microsoft.Extensions.Options;
using Npgsql;
using WebMacs.Persistence;

namespace WebMacs.Postgres;

/// <summary>One <see cref="NpgsqlDataSource"/> per host: EF Core and the hot-path writers share its pool.</summary>
internal sealed class PostgresStorageProvider : IStorageProvider, IAsyncDisposable
{
    private readonly Lazy<NpgsqlDataSource> dataSource;
    private readonly NpgsqlConnectionStringBuilder settings;

    public PostgresStorageProvider(IOptions<PostgresStorageOptions> options)
    {
        if (!DatabaseUrl.TryConvert(options.Value.ConnectionString ?? string.Empty, out var connectionString, out var error))
        {
            throw new WebMacsStartupException($"DATABASE_URL (WebMacs:Postgres:ConnectionString) {error}.");
        }

        settings = new NpgsqlConnectionStringBuilder(connectionString);

        // Bulk COPY of datapoints flushes its buffer far less often with 64 KiB than with Npgsql's 8 KiB default; an
        // explicit "Write Buffer Size" in the connection string wins.
        var tuned = new NpgsqlConnectionStringBuilder(connectionString);
        if (!connectionString.Contains("Write Buffer Size", StringComparison.OrdinalIgnoreCase))
        {
            tuned.WriteBufferSize = 64 * 1024;
        }

        dataSource = new Lazy<NpgsqlDataSource>(() => new NpgsqlDataSourceBuilder(tuned.ConnectionString).Build());
    }

    public string Name => "PostgreSQL";

    public NpgsqlDataSource DataSource => dataSource.Value;

    public string Describe() => $"PostgreSQL at {settings.Host}:{settings.Port}/{settings.Database}";

    public Task PrepareAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public ConstraintViolation Classify(Exception exception) =>
        (exception as PostgresException ?? exception.InnerException as PostgresException)?.SqlState switch
        {
            PostgresErrorCodes.UniqueViolation => ConstraintViolation.Unique,
            PostgresErrorCodes.ForeignKeyViolation => ConstraintViolation.ForeignKey,
            PostgresErrorCodes.NotNullViolation => ConstraintViolation.NotNull,
            PostgresErrorCodes.CheckViolation => ConstraintViolation.Check,
            _ => ConstraintViolation.None,
        };

    public async ValueTask DisposeAsync()
    {
        if (dataSource.IsValueCreated)
        {
            await dataSource.Value.DisposeAsync().ConfigureAwait(false);
        }
    }
}
