namespace WebMacs.AspNetCore.Tests.Support;

/// <summary>The storage a test host runs on.</summary>
public enum TestStore
{
    /// <summary>A SQLite file in the host's data folder.</summary>
    Sqlite,

    /// <summary>A fresh database on the real PostgreSQL server of the <c>PostgresServer</c> fixture.</summary>
    Postgres,
}
