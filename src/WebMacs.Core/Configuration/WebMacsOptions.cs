using System.ComponentModel.DataAnnotations;

namespace WebMacs;

/// <summary>
/// Configures WebMacs core: token signing, the first administrator, where local data lives and start-up
/// behaviour. Bound from the <c>WebMacs</c> configuration section; the original WebMACS environment names
/// (<c>SECRET_KEY</c>, <c>ACCESS_TOKEN_EXPIRE_MINUTES</c>, <c>INITIAL_ADMIN_*</c>, <c>WEBMACS_DATA_DIR</c>) are
/// accepted too, and the section wins where both are set.
/// </summary>
public sealed class WebMacsOptions
{
    /// <summary>Gets the configuration section these options bind from.</summary>
    public const string SectionName = "WebMacs";

    /// <summary>
    /// Gets or sets the HMAC key that signs access tokens (<c>SECRET_KEY</c>). Required in Production, at least 32
    /// characters. In Development a random key is generated and kept in <see cref="DataDirectory"/> when unset.
    /// </summary>
    public string? SecretKey { get; set; }

    /// <summary>Gets or sets the access token lifetime in minutes (<c>ACCESS_TOKEN_EXPIRE_MINUTES</c>, default 1440).</summary>
    [Range(1, 525_600)]
    public int AccessTokenExpireMinutes { get; set; } = 1440;

    /// <summary>Gets or sets the e-mail of the administrator created when the user table is empty (<c>INITIAL_ADMIN_EMAIL</c>).</summary>
    [Required]
    [MaxLength(255)]
    public string InitialAdminEmail { get; set; } = "admin@webmacs.io";

    /// <summary>Gets or sets the username of the first administrator (<c>INITIAL_ADMIN_USERNAME</c>).</summary>
    [Required]
    [StringLength(50, MinimumLength = 2)]
    public string InitialAdminUsername { get; set; } = "admin";

    /// <summary>
    /// Gets or sets the password of the first administrator (<c>INITIAL_ADMIN_PASSWORD</c>). Required in Production
    /// when the user table is empty; in Development a random one is generated and printed once when unset.
    /// </summary>
    public string? InitialAdminPassword { get; set; }

    /// <summary>Gets or sets the folder for local data such as the SQLite file (<c>WEBMACS_DATA_DIR</c>, default <c>./data</c>).</summary>
    [Required]
    public string DataDirectory { get; set; } = "data";

    /// <summary>Gets or sets a value indicating whether pending database migrations are applied at start (default true).</summary>
    public bool ApplyMigrationsOnStart { get; set; } = true;

    /// <summary>
    /// Gets or sets how long a checked access token (its user, role and revocation) stays trusted without asking the
    /// database again (default 2 s; zero asks every time). Changes made through this process (logout, role change,
    /// user deleted) take effect at once; those made by another host on the same database after at most this long.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:05:00")]
    public TimeSpan CredentialCacheDuration { get; set; } = TimeSpan.FromSeconds(2);
}
