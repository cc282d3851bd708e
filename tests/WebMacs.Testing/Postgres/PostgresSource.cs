namespace WebMacs.Testing.Postgres;

/// <summary>Names the ways <see cref="PostgresServer"/> can obtain a PostgreSQL server, as reported by <see cref="PostgresServer.Source"/>.</summary>
public static class PostgresSource
{
    /// <summary>The connection string in the <c>WEBMACS_TEST_POSTGRES</c> environment variable.</summary>
    public const string EnvironmentVariable = "environment";

    /// <summary>A throwaway cluster started from local PostgreSQL server binaries (<c>initdb</c>/<c>pg_ctl</c>).</summary>
    public const string LocalCluster = "local-cluster";

    /// <summary>A Docker container started through Testcontainers.PostgreSql.</summary>
    public const string Testcontainers = "testcontainers";

    /// <summary>No server could be obtained; database tests are skipped.</summary>
    public const string Unavailable = "unavailable";
}
