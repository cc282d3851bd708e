using BenchmarkDotNet.Attributes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;
using WebMacs.Domain;
using WebMacs.Ingestion;
using WebMacs.Persistence;
using WebMacs.Postgres;
using WebMacs.Sqlite;
using WebMacs.Testing.Postgres;

namespace WebMacs.Benchmarks;

/// <summary>
/// One writer group — 10 telemetry batches of 500 rows, each with its (source, seq) — stored in one transaction: the
/// store's bulk writer (binary COPY on PostgreSQL, one prepared statement on SQLite) against EF Core
/// <c>SaveChanges</c>. PostgreSQL is the throwaway test cluster (WebMacs.Testing; fsync off, so this compares the
/// writers, not the disk — the load tool measures durable throughput).
/// </summary>
[MemoryDiagnoser]
public class WriterBenchmarks
{
    private const int Batches = 10;
    private const int Rows = 500;
    private PostgresServer? postgres;
    private IHost host = null!;
    private IDatapointWriter bulk = null!;
    private EfDatapointWriter ef = null!;
    private int eventId;
    private long seq;
    private string dataDirectory = string.Empty;

    [Params("postgres", "sqlite")]
    public string Store { get; set; } = "postgres";

    [GlobalSetup]
    public async Task SetupAsync()
    {
        dataDirectory = Directory.CreateTempSubdirectory("webmacs-bench-").FullName;
        string? connectionString = null;
        if (Store == "postgres")
        {
            postgres = new PostgresServer();
            await postgres.InitializeAsync();
            postgres.SkipIfUnavailable();
            connectionString = await postgres.CreateDatabaseAsync("bench");
        }

        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { EnvironmentName = "Benchmark", ContentRootPath = dataDirectory });
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["WebMacs:SecretKey"] = "benchmark-only-secret-key-with-at-least-32-characters",
            ["WebMacs:InitialAdminEmail"] = "admin@webmacs.test",
            ["WebMacs:InitialAdminUsername"] = "admin",
            ["WebMacs:InitialAdminPassword"] = "Benchmark-Password-1",
            ["WebMacs:DataDirectory"] = dataDirectory,
        });
        var webmacs = builder.Services.AddWebMacs(builder.Configuration);
        if (connectionString is not null)
        {
            webmacs.AddPostgres(o => o.ConnectionString = connectionString);
        }
        else
        {
            webmacs.AddSqlite();
        }

        host = builder.Build();
        await host.StartAsync();
        var contexts = host.Services.GetRequiredService<IDbContextFactory<WebMacsDbContext>>();
        await using (var db = await contexts.CreateDbContextAsync())
        {
            var admin = await db.Users.FirstAsync();
            var created = new Event { Name = "bench", MinValue = 0, MaxValue = 100, Unit = "°C", Type = EventType.Sensor, UserId = admin.Id };
            db.Events.Add(created);
            await db.SaveChangesAsync();
            eventId = created.Id;
        }

        ef = new EfDatapointWriter(contexts);
        bulk = host.Services.GetRequiredService<IDatapointWriter>();
        if (bulk is not (PostgresDatapointWriter or SqliteDatapointWriter))
        {
            throw new InvalidOperationException($"Expected the store's bulk writer, got {bulk.GetType().Name}.");
        }
    }

    [GlobalCleanup]
    public async Task CleanupAsync()
    {
        await host.StopAsync();
        host.Dispose();
        NpgsqlConnection.ClearAllPools();
        if (postgres is not null)
        {
            await postgres.DisposeAsync();
        }

        Directory.Delete(dataDirectory, recursive: true);
    }

    [Benchmark(Baseline = true)]
    public Task<bool[]> EfCoreSaveChanges() => ef.WriteAsync(Group(), DateTime.UtcNow, CancellationToken.None);

    [Benchmark]
    public Task<bool[]> BulkWriter() => bulk.WriteAsync(Group(), DateTime.UtcNow, CancellationToken.None);

    private List<IngestBatch> Group()
    {
        var now = DateTime.UtcNow;
        var group = new List<IngestBatch>(Batches);
        for (var b = 0; b < Batches; b++)
        {
            var batch = new IngestBatch(Rows, new Datapoints.TelemetrySequence("bench", ++seq));
            for (var i = 0; i < Rows; i++)
            {
                batch.Add(new DatapointRow(eventId, Guid.Empty, now, i * 0.5));
            }

            group.Add(batch);
        }

        return group;
    }
}
