using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using WebMacs.Configuration;
using WebMacs.Domain;

namespace WebMacs.Security;

/// <summary>
/// Issues and validates the HS256 access tokens of the original (claims <c>sub</c> = user id as a string,
/// <c>iat</c>, <c>exp</c>, <c>role</c>; no issuer or audience), signed with <c>SECRET_KEY</c>.
/// </summary>
internal sealed partial class AccessTokenService
{
    private readonly JsonWebTokenHandler handler = new() { SetDefaultTimesOnTokenCreation = false };
    private readonly SigningCredentials credentials;
    private readonly TokenValidationParameters validation;
    private readonly TimeProvider time;
    private readonly TimeSpan lifetime;

    public AccessTokenService(IOptions<WebMacsOptions> options, TimeProvider time, ILogger<AccessTokenService> logger)
    {
        this.time = time;
        var secret = options.Value.SecretKey ?? throw new InvalidOperationException("WebMacs:SecretKey is not set.");
        lifetime = TimeSpan.FromMinutes(options.Value.AccessTokenExpireMinutes);

        var keyBytes = Encoding.UTF8.GetBytes(secret);
        if (keyBytes.Length < ProductionSafetyValidator.MinimumSecretLength)
        {
            // HS256 needs a 256-bit key. Production refuses short secrets; elsewhere a short one is stretched so a
            // development setup with the original's short sample secret still works.
            LogShortSecret(logger, keyBytes.Length);
            keyBytes = SHA256.HashData(keyBytes);
        }

        var key = new SymmetricSecurityKey(keyBytes);
        credentials = new SigningCredentials(key, SecurityAlgorithms.HmacSha256);
        validation = new TokenValidationParameters
        {
            IssuerSigningKey = key,
            ValidAlgorithms = [SecurityAlgorithms.HmacSha256],
            ValidateIssuer = false,
            ValidateAudience = false,
            ValidateIssuerSigningKey = true,
            RequireExpirationTime = true,
            RequireSignedTokens = true,
            LifetimeValidator = (_, expires, _, _) => expires is { } exp && exp > time.GetUtcNow().UtcDateTime,
        };
    }

    public string Create(User user)
    {
        var now = time.GetUtcNow().UtcDateTime;
        return handler.CreateToken(new SecurityTokenDescriptor
        {
            Claims = new Dictionary<string, object>
            {
                ["sub"] = user.Id.ToString(CultureInfo.InvariantCulture),
                ["role"] = WireEnum<UserRole>.ToWire(user.Role),
            },
            IssuedAt = now,
            Expires = now + lifetime,
            SigningCredentials = credentials,
        });
    }

    /// <summary>Validates a token and returns the user id in its <c>sub</c> claim, or null when it is not valid.</summary>
    public async Task<int?> ValidateAsync(string token)
    {
        var result = await handler.ValidateTokenAsync(token, validation).ConfigureAwait(false);
        if (!result.IsValid || !result.Claims.TryGetValue("sub", out var sub))
        {
            return null;
        }

        return int.TryParse(sub?.ToString(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var id) ? id : null;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "SECRET_KEY is only {Length} bytes; it is stretched with SHA-256 for HS256. Use at least 32 characters (Production requires it).")]
    private static partial void LogShortSecret(ILogger logger, int length);
}
