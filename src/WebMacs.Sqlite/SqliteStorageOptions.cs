namespace WebMacs.Sqlite;

/// <summary>Configures the embedded SQLite store. Bound from <c>WebMacs:Sqlite</c>.</summary>
public sealed class SqliteStorageOptions
{
    /// <summary>Gets the configuration section these options bind from.</summary>
    public const string SectionName = "WebMacs:Sqlite";

    /// <summary>
    /// Gets or sets the database file. A relative path is taken from the WebMacs data folder
    /// (<c>WEBMACS_DATA_DIR</c>, default <c>./data</c>). Default: <c>webmacs.db</c>.
    /// </summary>
    public string FileName { get; set; } = "webmacs.db";
}
