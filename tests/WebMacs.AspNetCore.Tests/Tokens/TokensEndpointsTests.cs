using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using WebMacs.AspNetCore.Tests.Events;
using WebMacs.AspNetCore.Tests.Support;
using WebMacs.Domain;
using WebMacs.Security;
using static WebMacs.AspNetCore.Tests.Support.Http;

namespace WebMacs.AspNetCore.Tests.Tokens;

/// <summary>Routes 14–16 (reference §3.6, §4.3, §10 items 83–85); run once per store by the subclasses.</summary>
public abstract partial class TokensEndpointsTests(WebMacsHosts hosts, TestStore store) : RouteTestBase(hosts, store)
{
    private const string Path = "/api/v1/tokens";

    [Fact]
    public async Task Create_Name_Returns201WithThePlaintextOnceAndStoresOnlyItsHash()
    {
        var (host, _) = await ArrangeAsync();
        var user = await host.CreateUserAsync(UserRole.Viewer);
        using var client = host.CreateClient(user.Token);
        var before = DateTime.UtcNow.AddSeconds(-1);

        using var response = await client.PostRawJsonAsync(Path, """{"name":"ci"}""");

        var body = await response.ReadJsonAsync();
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal(["created_at", "expires_at", "name", "public_id", "token"], PropertyNames(body));
        Assert.Equal("ci", body.GetProperty("name").GetString());
        Assert.Equal(JsonValueKind.Null, body.GetProperty("expires_at").ValueKind);
        Assert.True(body.GetProperty("created_at").GetDateTime() >= before);
        var token = body.GetProperty("token").GetString()!;
        Assert.StartsWith("wm_", token, StringComparison.Ordinal);
        Assert.Equal(67, token.Length);
        Assert.All(token[3..], c => Assert.True(char.IsAsciiLetterOrDigit(c) || c is '-' or '_', $"'{c}' is not base64url"));
        var stored = await host.WithDbAsync(db => db.ApiTokens.AsNoTracking().SingleAsync(t => t.UserId == user.Id, Ct));
        Assert.Equal(body.GetProperty("public_id").GetString(), stored.PublicId.ToString());
        Assert.Equal(TokenHash.Sha256Hex(token), stored.TokenHash);
        Assert.Null(stored.LastUsedAt);
    }

    [Fact]
    public async Task Create_Token_AuthenticatesAsItsOwnerAndRecordsTheUse()
    {
        var (host, _) = await ArrangeAsync();
        var user = await host.CreateUserAsync(UserRole.Operator);
        using var client = host.CreateClient(user.Token);
        using var created = await client.PostRawJsonAsync(Path, """{"name":"ci","expires_at":"2999-01-01T00:00:00Z"}""");
        var token = (await created.ReadJsonAsync()).GetProperty("token").GetString()!;

        using var me = await host.Client.GetWithBearerAsync(MePath, token);
        using var events = await host.Client.GetWithBearerAsync("/api/v1/events", token);
        using var list = await client.GetAsync(Path, Ct);

        Assert.Equal(HttpStatusCode.OK, me.StatusCode);
        Assert.Equal(user.Email, (await me.ReadJsonAsync()).GetProperty("email").GetString());
        Assert.Equal(HttpStatusCode.OK, events.StatusCode);
        var item = Assert.Single((await list.ReadJsonAsync()).GetProperty("data").EnumerateArray());
        Assert.Equal(JsonValueKind.String, item.GetProperty("last_used_at").ValueKind);
        Assert.Equal("2999-01-01T00:00:00Z", item.GetProperty("expires_at").GetString());
    }

    [Fact]
    public async Task Create_PastExpiry_IsAcceptedButTheTokenIsRefused()
    {
        var (host, callers) = await ArrangeAsync();

        using var created = await callers.Admin.PostRawJsonAsync(Path, """{"name":"old","expires_at":"2000-01-01T00:00:00Z"}""");
        var body = await created.ReadJsonAsync();
        using var me = await host.Client.GetWithBearerAsync(MePath, body.GetProperty("token").GetString()!);

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal("2000-01-01T00:00:00Z", body.GetProperty("expires_at").GetString());
        await me.AssertErrorAsync(HttpStatusCode.Unauthorized, "API token has expired.");
    }

    [Theory]
    [InlineData("{}", "body/name", "missing")]
    [InlineData("""{"name":""}""", "body/name", "string_too_short")]
    [InlineData("""{"name":null}""", "body/name", "string_type")]
    [InlineData("""{"name":["a"]}""", "body/name", "string_type")]
    [InlineData("""{"name":"ci","expires_at":"tomorrow"}""", "body/expires_at", "datetime_parsing")]
    [InlineData("""{"name":"ci","expires_at":true}""", "body/expires_at", "datetime_parsing")]
    public async Task Create_InvalidBody_Returns422AndStoresNothing(string json, string loc, string type)
    {
        var (host, _) = await ArrangeAsync();
        var user = await host.CreateUserAsync(UserRole.Viewer);
        using var client = host.CreateClient(user.Token);

        using var response = await client.PostRawJsonAsync(Path, json);

        var error = Assert.Single(await response.AssertValidationErrorAsync());
        Assert.Equal(loc, Loc(error));
        Assert.Equal(type, error.GetProperty("type").GetString());
        Assert.Equal(0, await host.WithDbAsync(db => db.ApiTokens.CountAsync(t => t.UserId == user.Id, Ct)));
    }

    [Fact]
    public async Task Create_NameOf255Or256Characters_IsAcceptedOrRefused()
    {
        var (_, callers) = await ArrangeAsync();

        using var longest = await callers.ViewerClient.PostRawJsonAsync(Path, JsonSerializer.Serialize(new { name = new string('n', 255) }));
        using var tooLong = await callers.ViewerClient.PostRawJsonAsync(Path, JsonSerializer.Serialize(new { name = new string('n', 256) }));

        Assert.Equal(HttpStatusCode.Created, longest.StatusCode);
        Assert.Equal("string_too_long", Assert.Single(await tooLong.AssertValidationErrorAsync()).GetProperty("type").GetString());
    }

    [Fact]
    public async Task Create_ByApiToken_CreatesATokenForTheSameOwner()
    {
        var (host, _) = await ArrangeAsync();
        var user = await host.CreateUserAsync(UserRole.Viewer);
        using var tokenClient = host.CreateClient(await host.CreateApiTokenAsync(user.Email));

        using var response = await tokenClient.PostRawJsonAsync(Path, """{"name":"second"}""");

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal(2, await host.WithDbAsync(db => db.ApiTokens.CountAsync(t => t.UserId == user.Id, Ct)));
    }
}
