namespace WebMacs.ReferenceHost;

/// <summary>Chooses the store the way the original's deployment does: a DATABASE_URL means PostgreSQL.</summary>
internal static class StorageSelection
{
    public static bool UsesPostgres(IConfiguration configuration) =>
        !string.IsNullOrWhiteSpace(configuration["DATABASE_URL"]) || !string.IsNullOrWhiteSpace(configuration["WebMacs:Postgres:ConnectionString"]);
}
