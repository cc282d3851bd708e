using System.ComponentModel.DataAnnotations;

namespace WebMacs.Postgres;

/// <summary>
/// Configures the PostgreSQL store. Bound from <c>WebMacs:Postgres</c>; the original's <c>DATABASE_URL</c>
/// (<c>postgresql://user:password@host:port/database</c>) is accepted when no connection string is set.
/// </summary>
public sealed class PostgresStorageOptions
{
    /// <summary>Gets the configuration section these options bind from.</summary>
    public const string SectionName = "WebMacs:Postgres";

    /// <summary>Gets or sets the Npgsql connection string, or a <c>postgresql://</c> URL.</summary>
    [Required(ErrorMessage = "DATABASE_URL (WebMacs:Postgres:ConnectionString) must be set to use PostgreSQL.")]
    public string? ConnectionString { get; set; }
}
