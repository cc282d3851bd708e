using Npgsql;

namespace WebMacs.Postgres.Tests;

public class DatabaseUrlTests
{
    [Theory]
    [InlineData("postgresql://webmacs:secret@db:5432/webmacs")]
    [InlineData("postgres://webmacs:secret@db:5432/webmacs")]
    [InlineData("postgresql+asyncpg://webmacs:secret@db:5432/webmacs")]
    [InlineData("POSTGRESQL+ASYNCPG://webmacs:secret@db:5432/webmacs")]
    public void TryConvert_SupportedScheme_ReturnsEquivalentConnectionString(string url)
    {
        var settings = Convert(url);

        Assert.Equal("db", settings.Host);
        Assert.Equal(5432, settings.Port);
        Assert.Equal("webmacs", settings.Database);
        Assert.Equal("webmacs", settings.Username);
        Assert.Equal("secret", settings.Password);
    }

    [Fact]
    public void TryConvert_EscapedUserAndPassword_UnescapesBoth()
    {
        var settings = Convert("postgresql+asyncpg://we%3Aird%40user:p%40ss%3Aw%2Frd%25%20x@db.example.test:6543/web%20macs");

        Assert.Equal("we:ird@user", settings.Username);
        Assert.Equal("p@ss:w/rd% x", settings.Password);
        Assert.Equal("db.example.test", settings.Host);
        Assert.Equal(6543, settings.Port);
        Assert.Equal("web macs", settings.Database);
    }

    [Theory]
    [InlineData("postgresql://u:p@db/webmacs")]
    [InlineData("postgres://u:p@db/webmacs")]
    [InlineData("postgresql+asyncpg://u:p@db/webmacs")]
    public void TryConvert_NoPort_UsesDefaultPort5432(string url) => Assert.Equal(5432, Convert(url).Port);

    [Fact]
    public void TryConvert_NoUserInfo_LeavesCredentialsUnset()
    {
        var settings = Convert("postgresql://db/webmacs");

        Assert.Null(settings.Username);
        Assert.Null(settings.Password);
    }

    [Theory]
    [InlineData("disable", SslMode.Disable)]
    [InlineData("require", SslMode.Require)]
    [InlineData("verify-full", SslMode.VerifyFull)]
    [InlineData("verify-ca", SslMode.VerifyCA)]
    [InlineData("prefer", SslMode.Prefer)]
    public void TryConvert_SslModeQuery_SetsSslMode(string value, SslMode expected) =>
        Assert.Equal(expected, Convert($"postgresql://u:p@db/webmacs?sslmode={value}").SslMode);

    [Fact]
    public void TryConvert_KnownAndUnknownQueryOptions_AppliesKnownAndIgnoresOthers()
    {
        var settings = Convert("postgresql://u:p@db/webmacs?application_name=web%20macs&connect_timeout=7&pool_size=20");

        Assert.Equal("web macs", settings.ApplicationName);
        Assert.Equal(7, settings.Timeout);
    }

    [Theory]
    [InlineData("postgresql://u:p@db/webmacs?sslmode=sometimes", "sslmode")]
    [InlineData("postgresql://u:p@db/webmacs?connect_timeout=soon", "connect_timeout")]
    [InlineData("postgresql://u:p@db:5432", "names no database")]
    [InlineData("postgresql://u:p@db/", "names no database")]
    [InlineData("postgresql:///webmacs", "not a valid URL")]
    [InlineData("postgresql://", "not a valid URL")]
    public void TryConvert_IncompleteOrInvalidUrl_ReturnsFalseWithReason(string url, string reason)
    {
        Assert.False(DatabaseUrl.TryConvert(url, out var connectionString, out var error));

        Assert.Empty(connectionString);
        Assert.Contains(reason, error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("mysql://u:p@db/webmacs")]
    [InlineData("sqlite:///data/webmacs.db")]
    [InlineData("http://db/webmacs")]
    public void TryConvert_NonPostgresScheme_IsRefused(string url)
    {
        Assert.False(DatabaseUrl.TryConvert(url, out _, out var error));

        Assert.Contains("postgresql://", error, StringComparison.Ordinal);
        Assert.False(DatabaseUrl.IsPostgresUrl(url));
    }

    [Fact]
    public void TryConvert_NpgsqlConnectionString_PassesThrough()
    {
        const string plain = "Host=db;Port=5433;Database=webmacs;Username=u;Password=p;SSL Mode=Require";

        var settings = Convert(plain);

        Assert.True(new NpgsqlConnectionStringBuilder(plain).EquivalentTo(settings));
        Assert.False(DatabaseUrl.IsPostgresUrl(plain));
    }

    [Fact]
    public void TryConvert_MalformedConnectionString_ReturnsFalseWithReason()
    {
        Assert.False(DatabaseUrl.TryConvert("Hots=db;Nonsense", out _, out var error));

        Assert.Contains("neither a postgresql:// URL nor an Npgsql connection string", error, StringComparison.Ordinal);
    }

    private static NpgsqlConnectionStringBuilder Convert(string value)
    {
        Assert.True(DatabaseUrl.TryConvert(value, out var connectionString, out var error), error);
        Assert.Empty(error);
        return new NpgsqlConnectionStringBuilder(connectionString);
    }
}
