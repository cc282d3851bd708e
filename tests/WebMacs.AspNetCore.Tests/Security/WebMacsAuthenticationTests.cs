using System.Globalization;
using System.Net;
using System.Text;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using WebMacs.AspNetCore.Tests.Support;
using WebMacs.Domain;
using WebMacs.Testing.Hosting;
using static WebMacs.AspNetCore.Tests.Support.Http;

namespace WebMacs.AspNetCore.Tests.Security;

/// <summary>Credential extraction and the JWT / API-token checks of reference §3.1, with their exact texts.</summary>
public sealed partial class WebMacsAuthenticationTests(WebMacsHosts hosts) : IClassFixture<WebMacsHosts>
{
    // The key WebMacsTestHost configures (WebMacs:SecretKey).
    private const string HostSecretKey = "test-only-secret-key-with-at-least-32-characters";

    [Fact]
    public async Task Me_WithoutAuthorizationHeader_Returns401WithBearerChallenge()
    {
        var host = await hosts.GetAsync(TestStore.Sqlite);

        using var response = await host.Client.GetAsync(MePath, Ct);

        await response.AssertErrorAsync(HttpStatusCode.Unauthorized, "Authentication required.");
        Assert.Equal("Bearer", Assert.Single(response.Headers.WwwAuthenticate).ToString());
    }

    [Theory]
    [InlineData("Basic xyz")]
    [InlineData("Token abc")]
    [InlineData("Bearer")]
    [InlineData("Bearer ")]
    [InlineData("Bearerabc")]
    public async Task Me_WithoutBearerCredentials_Returns401AuthenticationRequired(string authorization)
    {
        var host = await hosts.GetAsync(TestStore.Sqlite);

        using var response = await host.Client.SendWithAuthorizationAsync(HttpMethod.Get, MePath, authorization);

        await response.AssertErrorAsync(HttpStatusCode.Unauthorized, "Authentication required.");
        Assert.Equal("Bearer", Assert.Single(response.Headers.WwwAuthenticate).ToString());
    }

    [Fact]
    public async Task Me_GarbageBearerToken_Returns401InvalidTokenWithoutChallengeHeader()
    {
        var host = await hosts.GetAsync(TestStore.Sqlite);

        using var response = await host.Client.GetWithBearerAsync(MePath, "garbage");

        await response.AssertErrorAsync(HttpStatusCode.Unauthorized, "Invalid or expired token.");
        Assert.Empty(response.Headers.WwwAuthenticate);
    }

    [Theory]
    [InlineData("expired")]
    [InlineData("other-key")]
    [InlineData("no-sub")]
    [InlineData("non-integer-sub")]
    [InlineData("unsigned")]
    public async Task Me_JwtThatFailsValidation_Returns401InvalidToken(string kind)
    {
        var host = await hosts.GetAsync(TestStore.Sqlite);
        var adminId = await host.GetUserIdAsync(WebMacsTestHost.AdminEmail);

        using var response = await host.Client.GetWithBearerAsync(MePath, CraftToken(kind, adminId));

        await response.AssertErrorAsync(HttpStatusCode.Unauthorized, "Invalid or expired token.");
    }

    [Fact]
    public async Task Me_CraftedTokenWithTheHostKey_IsAccepted()
    {
        // Guards the test above: the crafted tokens fail for the reason each case names, not for their shape.
        var host = await hosts.GetAsync(TestStore.Sqlite);
        var adminId = await host.GetUserIdAsync(WebMacsTestHost.AdminEmail);

        using var response = await host.Client.GetWithBearerAsync(MePath, CraftToken("valid", adminId));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Me_LowerCaseBearerScheme_Authenticates()
    {
        var host = await hosts.GetAsync(TestStore.Sqlite);
        var token = await host.LoginAsync();

        using var response = await host.Client.SendWithAuthorizationAsync(HttpMethod.Get, MePath, "bearer " + token);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Theory]
    [MemberData(nameof(TestStores.All), MemberType = typeof(TestStores))]
    public async Task Me_TokenOfUserDeletedFromTheDatabase_Returns401UserNotFound(TestStore store)
    {
        var host = await hosts.GetAsync(store);
        var user = await host.CreateUserAsync(UserRole.Operator);

        await host.DeleteUserAsync(user.Id);
        using var response = await host.Client.GetWithBearerAsync(MePath, user.Token);

        await response.AssertErrorAsync(HttpStatusCode.Unauthorized, "User not found.");
        Assert.Empty(response.Headers.WwwAuthenticate);
    }

    private static string CraftToken(string kind, int userId)
    {
        var now = DateTime.UtcNow;
        var claims = new Dictionary<string, object> { ["role"] = "admin" };
        if (kind != "no-sub")
        {
            claims["sub"] = kind == "non-integer-sub" ? "admin" : userId.ToString(CultureInfo.InvariantCulture);
        }

        var key = new SymmetricSecurityKey(Encoding.UTF8.GetBytes(kind == "other-key" ? "another-secret-key-with-at-least-32-characters" : HostSecretKey));
        var descriptor = new SecurityTokenDescriptor
        {
            Claims = claims,
            IssuedAt = kind == "expired" ? now.AddDays(-2) : now,
            Expires = kind == "expired" ? now.AddDays(-1) : now.AddHours(1),
            SigningCredentials = kind == "unsigned" ? null : new SigningCredentials(key, SecurityAlgorithms.HmacSha256),
        };
        if (kind == "expired")
        {
            descriptor.NotBefore = now.AddDays(-2);
        }

        return new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false }.CreateToken(descriptor);
    }
}
