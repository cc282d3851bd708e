using System.Globalization;
using System.Net;
using System.Text.Json;
using WebMacs.AspNetCore.Tests.Support;
using WebMacs.Domain;
using WebMacs.Testing.Hosting;
using static WebMacs.AspNetCore.Tests.Support.Http;

namespace WebMacs.AspNetCore.Tests.Endpoints;

/// <summary>Routes 2–4 (reference §3.2–3.3) over real sockets, on SQLite and on PostgreSQL.</summary>
public sealed partial class AuthEndpointsTests(WebMacsHosts hosts) : IClassFixture<WebMacsHosts>
{
    private const string InvalidCredentials = "Invalid email or password.";

    [Theory]
    [MemberData(nameof(TestStores.All), MemberType = typeof(TestStores))]
    public async Task Login_SeededAdmin_ReturnsExactlyTheContractKeys(TestStore store)
    {
        var host = await hosts.GetAsync(store);

        using var response = await host.Client.LoginAsync(WebMacsTestHost.AdminEmail, WebMacsTestHost.AdminPassword);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.ReadJsonAsync();
        Assert.Equal(["access_token", "message", "public_id", "status", "username"], PropertyNames(body));
        Assert.Equal("success", body.GetProperty("status").GetString());
        Assert.Equal("Successfully logged in.", body.GetProperty("message").GetString());
        Assert.Equal("admin", body.GetProperty("username").GetString());
        Assert.True(Guid.TryParse(body.GetProperty("public_id").GetString(), out _));
        Assert.False(string.IsNullOrEmpty(body.GetProperty("access_token").GetString()));
    }

    [Theory]
    [MemberData(nameof(TestStores.All), MemberType = typeof(TestStores))]
    public async Task Login_SeededAdmin_IssuesHs256TokenWithTheContractClaims(TestStore store)
    {
        var host = await hosts.GetAsync(store);
        var adminId = await host.GetUserIdAsync(WebMacsTestHost.AdminEmail);

        var (header, payload) = Jwt.Decode(await host.LoginAsync());

        Assert.Equal("HS256", header.GetProperty("alg").GetString());
        Assert.Equal("JWT", header.GetProperty("typ").GetString());
        Assert.Equal(JsonValueKind.String, payload.GetProperty("sub").ValueKind);
        Assert.Equal(adminId.ToString(CultureInfo.InvariantCulture), payload.GetProperty("sub").GetString());
        var issuedAt = payload.GetProperty("iat").GetInt64();
        var expires = payload.GetProperty("exp").GetInt64();
        Assert.Equal(86400, expires - issuedAt);
        Assert.Equal("admin", payload.GetProperty("role").GetString());
    }

    [Theory]
    [MemberData(nameof(TestStores.All), MemberType = typeof(TestStores))]
    public async Task Login_WrongPasswordOrUnknownEmail_Returns401WithTheSameDetail(TestStore store)
    {
        var host = await hosts.GetAsync(store);

        using var wrongPassword = await host.Client.LoginAsync(WebMacsTestHost.AdminEmail, "not-the-password");
        using var unknownEmail = await host.Client.LoginAsync("nobody@example.com", WebMacsTestHost.AdminPassword);

        var first = await wrongPassword.AssertErrorAsync(HttpStatusCode.Unauthorized, InvalidCredentials);
        var second = await unknownEmail.AssertErrorAsync(HttpStatusCode.Unauthorized, InvalidCredentials);
        Assert.Equal(PropertyNames(first), PropertyNames(second));
        Assert.False(wrongPassword.Headers.Contains("WWW-Authenticate"));
    }

    [Theory]
    [MemberData(nameof(TestStores.All), MemberType = typeof(TestStores))]
    public async Task Login_EmailWithUpperCaseDomain_FindsTheUser(TestStore store)
    {
        var host = await hosts.GetAsync(store);
        var email = WebMacsTestHost.AdminEmail.Replace("@webmacs.test", "@WebMacs.TEST", StringComparison.Ordinal);

        using var response = await host.Client.LoginAsync(email, WebMacsTestHost.AdminPassword);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Theory]
    [MemberData(nameof(TestStores.All), MemberType = typeof(TestStores))]
    public async Task Login_AdminSeededOnSpecialUseDomain_LogsIn(TestStore store)
    {
        const string email = "admin@webmacs.local";
        await using var host = await hosts.StartAsync(store, new Dictionary<string, string?> { ["WebMacs:InitialAdminEmail"] = email });

        using var response = await host.Client.LoginAsync(email, WebMacsTestHost.AdminPassword);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var me = await host.Client.GetWithBearerAsync(MePath, (await response.ReadJsonAsync()).GetProperty("access_token").GetString()!);
        Assert.Equal(email, (await me.ReadJsonAsync()).GetProperty("email").GetString());
    }

    [Theory]
    [MemberData(nameof(TestStores.All), MemberType = typeof(TestStores))]
    public async Task Logout_ValidToken_SucceedsAndRevokesTheToken(TestStore store)
    {
        // A user of its own: tokens of one user issued in the same second are identical (no jti, as in the
        // original), so revoking an admin token could revoke the token another test is about to use.
        var host = await hosts.GetAsync(store);
        var token = (await host.CreateUserAsync(UserRole.Operator)).Token;

        using var logout = await host.Client.PostWithBearerAsync(LogoutPath, token);
        using var me = await host.Client.GetWithBearerAsync(MePath, token);
        using var secondLogout = await host.Client.PostWithBearerAsync(LogoutPath, token);

        Assert.Equal(HttpStatusCode.OK, logout.StatusCode);
        var body = await logout.ReadJsonAsync();
        Assert.Equal(["message", "status"], PropertyNames(body));
        Assert.Equal("success", body.GetProperty("status").GetString());
        Assert.Equal("Successfully logged out.", body.GetProperty("message").GetString());
        await me.AssertErrorAsync(HttpStatusCode.Unauthorized, "Token has been revoked.");
        await secondLogout.AssertErrorAsync(HttpStatusCode.Unauthorized, "Token has been revoked.");
        Assert.False(me.Headers.Contains("WWW-Authenticate"));
    }

    [Theory]
    [MemberData(nameof(TestStores.All), MemberType = typeof(TestStores))]
    public async Task Logout_OneUsersToken_LeavesOtherUsersTokensValid(TestStore store)
    {
        var host = await hosts.GetAsync(store);
        var admin = await host.LoginAsync();
        var other = await host.CreateUserAsync(UserRole.Viewer);

        using var logout = await host.Client.PostWithBearerAsync(LogoutPath, other.Token);
        using var me = await host.Client.GetWithBearerAsync(MePath, admin);

        Assert.Equal(HttpStatusCode.OK, logout.StatusCode);
        Assert.Equal(HttpStatusCode.OK, me.StatusCode);
    }

    [Fact]
    public async Task Logout_WithoutCredentials_Returns401AuthenticationRequired()
    {
        var host = await hosts.GetAsync(TestStore.Sqlite);

        using var response = await host.Client.PostAsync(LogoutPath, content: null, Ct);

        await response.AssertErrorAsync(HttpStatusCode.Unauthorized, "Authentication required.");
    }
}
