namespace WebMacs.Postgres.Tests;

public class PostgresStorageOptionsValidatorTests
{
    [Theory]
    [InlineData(null)]
    [InlineData("")]
    public void Validate_MissingConnectionString_FailsNamingDatabaseUrl(string? value)
    {
        var result = new PostgresStorageOptionsValidator().Validate(null, new PostgresStorageOptions { ConnectionString = value });

        Assert.True(result.Failed);
        Assert.Contains("DATABASE_URL (WebMacs:Postgres:ConnectionString) must be set", result.FailureMessage, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("mysql://u:p@db/webmacs", "must start with postgresql://")]
    [InlineData("postgresql://u:p@db", "names no database")]
    [InlineData("Hots=db;Nonsense", "neither a postgresql:// URL nor an Npgsql connection string")]
    public void Validate_UnusableConnectionString_FailsNamingDatabaseUrlAndReason(string value, string reason)
    {
        var result = new PostgresStorageOptionsValidator().Validate(null, new PostgresStorageOptions { ConnectionString = value });

        Assert.True(result.Failed);
        Assert.StartsWith("DATABASE_URL (WebMacs:Postgres:ConnectionString) ", result.FailureMessage, StringComparison.Ordinal);
        Assert.Contains(reason, result.FailureMessage, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("postgresql+asyncpg://u:p@db:5432/webmacs")]
    [InlineData("Host=db;Database=webmacs;Username=u")]
    public void Validate_UsableConnectionString_Succeeds(string value)
    {
        var result = new PostgresStorageOptionsValidator().Validate(null, new PostgresStorageOptions { ConnectionString = value });

        Assert.True(result.Succeeded, result.FailureMessage);
    }
}
