using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using WebMacs.Domain;
using WebMacs.Security;
using Xunit;

namespace WebMacs.Testing.Storage;

// Authentication against the store (reference §3.1–3.4): login, JWT and wm_ API tokens, logout and the purge
// of old revocations.
public abstract partial class StorageTestSuite
{
    [Fact]
    public async Task LoginAsync_RightPassword_IssuesWorkingTokenAndLogsLogin()
    {
        var outcome = await InScopeAsync(sp => sp.GetRequiredService<AuthService>().LoginAsync(AdminEmail, AdminPassword, Ct));

        Assert.NotNull(outcome);
        Assert.Equal(AdminUsername, outcome.User.Username);
        var authenticated = await AuthenticateAsync(outcome.AccessToken);
        Assert.Null(authenticated.Error);
        Assert.Equal(outcome.User.Id, authenticated.User?.Id);

        await using var db = NewContext();
        var entry = await db.LogEntries.SingleAsync(e => e.Content == "User 'admin' logged in.", Ct);
        Assert.Equal(outcome.User.Id, entry.UserId);
        Assert.Equal(LoggingType.Info, entry.LoggingType);
    }

    [Theory]
    [InlineData(AdminEmail, "wrong-password")]
    [InlineData(AdminEmail, "")]
    [InlineData("nobody@webmacs.test", AdminPassword)]
    [InlineData("ADMIN@webmacs.test", AdminPassword)]
    public async Task LoginAsync_WrongCredentials_ReturnsNullAndLogsNothing(string email, string password)
    {
        var outcome = await InScopeAsync(sp => sp.GetRequiredService<AuthService>().LoginAsync(email, password, Ct));

        Assert.Null(outcome);
        await using var db = NewContext();
        Assert.False(await db.LogEntries.AnyAsync(e => e.Content.Contains("logged in"), Ct));
    }

    [Fact]
    public async Task AuthenticateAsync_JwtAfterLogout_ReturnsRevoked()
    {
        var token = await LoginAsync();

        await InScopeAsync(async sp => { await sp.GetRequiredService<AuthService>().LogoutAsync(token, Ct); return 0; });
        await InScopeAsync(async sp => { await sp.GetRequiredService<AuthService>().LogoutAsync(token, Ct); return 0; });

        var outcome = await AuthenticateAsync(token);
        Assert.Null(outcome.User);
        Assert.Equal("Token has been revoked.", outcome.Error);
        await using var db = NewContext();
        var revoked = Assert.Single(await db.BlacklistedTokens.ToListAsync(Ct));
        Assert.Equal(TokenHash.Sha256Hex(token), revoked.TokenHash);
    }

    [Theory]
    [InlineData("garbage")]
    [InlineData("a.b.c")]
    [InlineData("eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxIn0.c2lnbmF0dXJl")]
    public async Task AuthenticateAsync_GarbageCredential_ReturnsInvalidOrExpired(string credential)
    {
        var outcome = await AuthenticateAsync(credential);

        Assert.Null(outcome.User);
        Assert.Equal("Invalid or expired token.", outcome.Error);
    }

    [Fact]
    public async Task AuthenticateAsync_JwtPastLifetime_ReturnsInvalidOrExpired()
    {
        var token = await LoginAsync();

        Time.Advance(TimeSpan.FromMinutes(TokenLifetimeMinutes) + TimeSpan.FromSeconds(1));
        var outcome = await AuthenticateAsync(token);

        Assert.Null(outcome.User);
        Assert.Equal("Invalid or expired token.", outcome.Error);
    }

    [Fact]
    public async Task AuthenticateAsync_JwtOfDeletedUser_ReturnsUserNotFound()
    {
        var (alice, _) = await CreateWorldsAsync();
        string token;
        await using (var db = NewContext())
        {
            token = Services.GetRequiredService<AccessTokenService>().Create(await db.Users.SingleAsync(u => u.Id == alice.UserId, Ct));
        }

        Assert.Equal(alice.UserId, (await AuthenticateAsync(token)).User?.Id);
        await DeleteAsync(db => db.Users.Where(u => u.Id == alice.UserId));
        var outcome = await AuthenticateAsync(token);

        Assert.Null(outcome.User);
        Assert.Equal("User not found.", outcome.Error);
    }

    [Fact]
    public async Task AuthenticateAsync_JwtAfterRoleChange_ReturnsCurrentRole()
    {
        var token = await LoginAsync();
        await using (var db = NewContext())
        {
            await db.Users.ExecuteUpdateAsync(s => s.SetProperty(u => u.Role, UserRole.Viewer), Ct);
        }

        var outcome = await AuthenticateAsync(token);

        Assert.Equal(UserRole.Viewer, outcome.User?.Role);
    }

    [Fact]
    public async Task AuthenticateAsync_ValidApiToken_ReturnsOwnerAndRecordsUse()
    {
        const string plaintext = "wm_valid_0123456789abcdef";
        var tokenId = await AddApiTokenAsync(plaintext, expiresAt: Time.GetUtcNow().UtcDateTime.AddDays(1));
        Time.Advance(TimeSpan.FromMinutes(5));

        var outcome = await AuthenticateAsync(plaintext);

        Assert.Null(outcome.Error);
        Assert.Equal(AdminUsername, outcome.User?.Username);
        await using var db = NewContext();
        var token = await db.ApiTokens.SingleAsync(t => t.Id == tokenId, Ct);
        AssertUtc(Time.GetUtcNow().UtcDateTime, token.LastUsedAt);
    }

    [Fact]
    public async Task AuthenticateAsync_ExpiredApiToken_ReturnsExpiredAndRecordsNoUse()
    {
        const string plaintext = "wm_expired_0123456789abcdef";
        var tokenId = await AddApiTokenAsync(plaintext, expiresAt: Time.GetUtcNow().UtcDateTime.AddMinutes(1));
        Time.Advance(TimeSpan.FromMinutes(2));

        var outcome = await AuthenticateAsync(plaintext);

        Assert.Null(outcome.User);
        Assert.Equal("API token has expired.", outcome.Error);
        await using var db = NewContext();
        Assert.Null((await db.ApiTokens.SingleAsync(t => t.Id == tokenId, Ct)).LastUsedAt);
    }

    [Fact]
    public async Task AuthenticateAsync_UnknownApiToken_ReturnsInvalidApiToken()
    {
        await AddApiTokenAsync("wm_known_0123456789abcdef", expiresAt: null);

        var outcome = await AuthenticateAsync("wm_unknown_0123456789abcdef");

        Assert.Null(outcome.User);
        Assert.Equal("Invalid API token.", outcome.Error);
    }

    [Fact]
    public async Task AuthenticateAsync_ApiTokenOfDeletedOwner_IsRefused()
    {
        var (alice, _) = await CreateWorldsAsync();
        const string plaintext = "wm_alice_world_token";
        Assert.Equal(alice.UserId, (await AuthenticateAsync(plaintext)).User?.Id);

        await DeleteAsync(db => db.Users.Where(u => u.Id == alice.UserId));
        var outcome = await AuthenticateAsync(plaintext);

        // The token row goes with its owner (§2.3), so the token is unknown from then on.
        Assert.Null(outcome.User);
        Assert.Equal("Invalid API token.", outcome.Error);
    }

    [Fact]
    public async Task LogoutAsync_ApiToken_LeavesTokenUsable()
    {
        const string plaintext = "wm_logout_0123456789abcdef";
        await AddApiTokenAsync(plaintext, expiresAt: null);

        await InScopeAsync(async sp => { await sp.GetRequiredService<AuthService>().LogoutAsync(plaintext, Ct); return 0; });

        Assert.Equal(AdminUsername, (await AuthenticateAsync(plaintext)).User?.Username);
        await using var db = NewContext();
        Assert.Empty(await db.BlacklistedTokens.ToListAsync(Ct));
    }

    [Fact]
    public async Task PurgeAsync_RevocationsOfDifferentAges_RemovesOnlyThoseOlderThanTokenLifetime()
    {
        var old = await LoginAsync();
        await InScopeAsync(async sp => { await sp.GetRequiredService<AuthService>().LogoutAsync(old, Ct); return 0; });
        Time.Advance(TimeSpan.FromMinutes(TokenLifetimeMinutes) - TimeSpan.FromMinutes(1));
        var recent = await LoginAsync();
        await InScopeAsync(async sp => { await sp.GetRequiredService<AuthService>().LogoutAsync(recent, Ct); return 0; });
        Time.Advance(TimeSpan.FromMinutes(2));

        var purge = Services.GetServices<IHostedService>().OfType<BlacklistPurgeService>().Single();
        var removed = await purge.PurgeAsync(Ct);

        Assert.Equal(1, removed);
        await using var db = NewContext();
        var left = Assert.Single(await db.BlacklistedTokens.ToListAsync(Ct));
        Assert.Equal(TokenHash.Sha256Hex(recent), left.TokenHash);
        Assert.Equal("Token has been revoked.", (await AuthenticateAsync(recent)).Error);
    }

    private async Task<string> LoginAsync()
    {
        var outcome = await InScopeAsync(sp => sp.GetRequiredService<AuthService>().LoginAsync(AdminEmail, AdminPassword, Ct));
        Assert.NotNull(outcome);
        return outcome.AccessToken;
    }

    private Task<AuthenticationOutcome> AuthenticateAsync(string credential) =>
        InScopeAsync(sp => sp.GetRequiredService<AuthService>().AuthenticateAsync(credential, Ct));

    private async Task<int> AddApiTokenAsync(string plaintext, DateTime? expiresAt)
    {
        await using var db = NewContext();
        var adminId = await db.Users.Where(u => u.Role == UserRole.Admin).Select(u => u.Id).SingleAsync(Ct);
        var token = new ApiToken
        {
            Name = plaintext,
            TokenHash = TokenHash.Sha256Hex(plaintext),
            UserId = adminId,
            CreatedAt = Time.GetUtcNow().UtcDateTime,
            ExpiresAt = expiresAt,
        };
        db.ApiTokens.Add(token);
        await db.SaveChangesAsync(Ct);
        return token.Id;
    }
}
