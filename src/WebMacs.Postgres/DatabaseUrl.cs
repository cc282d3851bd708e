using System.Globalization;
using Npgsql;

namespace WebMacs.Postgres;

/// <summary>
/// Turns the original's SQLAlchemy-style <c>DATABASE_URL</c> (<c>postgresql://</c>, <c>postgres://</c>,
/// <c>postgresql+asyncpg://</c>) into an Npgsql connection string; a plain Npgsql connection string passes through.
/// Hand-written: Npgsql accepts key/value strings only.
/// </summary>
internal static class DatabaseUrl
{
    private static readonly string[] Schemes = ["postgresql", "postgres", "postgresql+asyncpg", "postgresql+psycopg", "postgresql+psycopg2"];

    public static bool IsPostgresUrl(string? value) =>
        value is not null && Schemes.Any(s => value.StartsWith(s + "://", StringComparison.OrdinalIgnoreCase));

    public static bool TryConvert(string value, out string connectionString, out string error)
    {
        connectionString = string.Empty;
        error = string.Empty;
        if (!value.Contains("://", StringComparison.Ordinal))
        {
            try
            {
                connectionString = new NpgsqlConnectionStringBuilder(value).ConnectionString;
                return true;
            }
            catch (ArgumentException ex)
            {
                error = $"is neither a postgresql:// URL nor an Npgsql connection string ({ex.Message})";
                return false;
            }
        }

        if (!IsPostgresUrl(value))
        {
            error = "must start with postgresql:// (e.g. postgresql://user:password@host:5432/webmacs)";
            return false;
        }

        if (!Uri.TryCreate(value, UriKind.Absolute, out var uri) || string.IsNullOrEmpty(uri.Host))
        {
            error = "is not a valid URL (expected postgresql://user:password@host:5432/database)";
            return false;
        }

        var database = Uri.UnescapeDataString(uri.AbsolutePath.TrimStart('/'));
        if (database.Length == 0)
        {
            error = "names no database (expected postgresql://user:password@host:5432/database)";
            return false;
        }

        var builder = new NpgsqlConnectionStringBuilder
        {
            Host = uri.Host,
            Port = uri.IsDefaultPort || uri.Port < 0 ? 5432 : uri.Port,
            Database = database,
        };
        if (uri.UserInfo.Length > 0)
        {
            var colon = uri.UserInfo.IndexOf(':', StringComparison.Ordinal);
            builder.Username = Uri.UnescapeDataString(colon < 0 ? uri.UserInfo : uri.UserInfo[..colon]);
            if (colon >= 0)
            {
                builder.Password = Uri.UnescapeDataString(uri.UserInfo[(colon + 1)..]);
            }
        }

        foreach (var pair in uri.Query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var eq = pair.IndexOf('=', StringComparison.Ordinal);
            var key = Uri.UnescapeDataString(eq < 0 ? pair : pair[..eq]);
            var item = eq < 0 ? string.Empty : Uri.UnescapeDataString(pair[(eq + 1)..]);
            switch (key.ToLowerInvariant())
            {
                case "sslmode" or "ssl":
                    if (!Enum.TryParse<SslMode>(item.Replace("-", string.Empty, StringComparison.Ordinal), ignoreCase: true, out var mode))
                    {
                        error = $"has an unknown sslmode '{item}'";
                        return false;
                    }

                    builder.SslMode = mode;
                    break;
                case "application_name":
                    builder.ApplicationName = item;
                    break;
                case "connect_timeout":
                    if (!int.TryParse(item, NumberStyles.Integer, CultureInfo.InvariantCulture, out var seconds) || seconds < 0)
                    {
                        error = $"has an invalid connect_timeout '{item}'";
                        return false;
                    }

                    builder.Timeout = seconds;
                    break;
                default:
                    // Unknown URL options (e.g. SQLAlchemy pool settings) do not apply to Npgsql.
                    break;
            }
        }

        connectionString = builder.ConnectionString;
        return true;
    }
}
