using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using WebMacs.Domain;
using WebMacs.Persistence;

namespace WebMacs.Security;

/// <summary>The outcome of authenticating a bearer credential: the user, or the contract's error text.</summary>
internal readonly record struct AuthenticationOutcome(User? User, string? Error);

/// <summary>The outcome of a password login.</summary>
internal sealed record LoginOutcome(User User, string AccessToken);

/// <summary>
/// Authentication as the original does it (reference §3.1–3.2): JWT or <c>wm_</c> API token, revocation on logout,
/// login with bcrypt. Authorisation always uses the user's current role from the database.
/// </summary>
internal sealed partial class AuthService(
    WebMacsDbContext db, AccessTokenService tokens, CredentialCache cache, IServiceScopeFactory scopes, ILogger<AuthService> logger, TimeProvider time)
{
    public const string ApiTokenPrefix = "wm_";

    public async Task<AuthenticationOutcome> AuthenticateAsync(string credential, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        if (credential.StartsWith(ApiTokenPrefix, StringComparison.Ordinal))
        {
            var hash = TokenHash.Sha256Hex(credential);
            var token = await db.ApiTokens.FirstOrDefaultAsync(t => t.TokenHash == hash, cancellationToken).ConfigureAwait(false);
            if (token is null)
            {
                return new(null, "Invalid API token.");
            }

            if (token.ExpiresAt is { } expires && expires < now)
            {
                return new(null, "API token has expired.");
            }

            var owner = await db.Users.FirstOrDefaultAsync(u => u.Id == token.UserId, cancellationToken).ConfigureAwait(false);
            if (owner is null)
            {
                return new(null, "Token owner not found.");
            }

            await db.ApiTokens.Where(t => t.Id == token.Id)
                .ExecuteUpdateAsync(s => s.SetProperty(t => t.LastUsedAt, now), cancellationToken).ConfigureAwait(false);
            return new(owner, null);
        }

        var revokedHash = TokenHash.Sha256Hex(credential);
        if (cache.TryGet(revokedHash, out var cached, out var refresh))
        {
            if (refresh)
            {
                _ = RefreshAsync(credential, revokedHash);
            }

            // The database's answer for this token is fresh; signature and expiry are still checked every time.
            return cached is null ? new(null, "Token has been revoked.")
                : await tokens.ValidateAsync(credential).ConfigureAwait(false) == cached.Id ? new(cached, null)
                : new(null, "Invalid or expired token.");
        }

        return await LoadJwtAsync(credential, revokedHash, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Checks a JWT against the database (revocation, then signature and expiry, then its user) and caches the answer.</summary>
    private async Task<AuthenticationOutcome> LoadJwtAsync(string credential, string revokedHash, CancellationToken cancellationToken)
    {
        var stamp = cache.Begin();
        if (await db.BlacklistedTokens.AnyAsync(b => b.TokenHash == revokedHash, cancellationToken).ConfigureAwait(false))
        {
            cache.Remember(revokedHash, stamp, null);
            return new(null, "Token has been revoked.");
        }

        if (await tokens.ValidateAsync(credential).ConfigureAwait(false) is not { } userId)
        {
            cache.Forget(revokedHash);
            return new(null, "Invalid or expired token.");
        }

        var user = await db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.Id == userId, cancellationToken).ConfigureAwait(false);
        if (user is null)
        {
            cache.Forget(revokedHash);
            return new(null, "User not found.");
        }

        cache.Remember(revokedHash, stamp, user);
        return new(user, null);
    }

    /// <summary>Reloads a cached token's answer in a scope of its own, off the request that noticed it is getting old.</summary>
    private async Task RefreshAsync(string credential, string revokedHash)
    {
        try
        {
            var scope = scopes.CreateAsyncScope();
            await using (scope.ConfigureAwait(false))
            {
                await scope.ServiceProvider.GetRequiredService<AuthService>().LoadJwtAsync(credential, revokedHash, CancellationToken.None).ConfigureAwait(false);
            }
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // The entry stays until its duration ends; the next request after that asks the database itself.
            LogRefreshFailed(logger, ex);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Reloading a cached access token's user from the database failed; the next request past its cache duration asks again.")]
    private static partial void LogRefreshFailed(ILogger logger, Exception exception);

    /// <summary>Checks the password of the user with this (normalised) e-mail and, on success, issues a token and logs the login.</summary>
    public async Task<LoginOutcome?> LoginAsync(string email, string password, CancellationToken cancellationToken)
    {
        var user = await db.Users.FirstOrDefaultAsync(u => u.Email == email, cancellationToken).ConfigureAwait(false);
        if (user is null || !PasswordHasher.Verify(password, user.PasswordHash))
        {
            return null;
        }

        db.LogEntries.Add(new LogEntry
        {
            Content = $"User '{user.Username}' logged in.",
            LoggingType = LoggingType.Info,
            UserId = user.Id,
            CreatedOn = time.GetUtcNow().UtcDateTime,
        });
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        return new LoginOutcome(user, tokens.Create(user));
    }

    /// <summary>Revokes a JWT. API tokens are not revocable this way (as in the original); the call still succeeds.</summary>
    public async Task LogoutAsync(string credential, CancellationToken cancellationToken)
    {
        if (credential.StartsWith(ApiTokenPrefix, StringComparison.Ordinal))
        {
            return;
        }

        var hash = TokenHash.Sha256Hex(credential);
        if (await db.BlacklistedTokens.AnyAsync(b => b.TokenHash == hash, cancellationToken).ConfigureAwait(false))
        {
            return;
        }

        db.BlacklistedTokens.Add(new BlacklistedToken { TokenHash = hash, BlacklistedOn = time.GetUtcNow().UtcDateTime });
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
    }
}
