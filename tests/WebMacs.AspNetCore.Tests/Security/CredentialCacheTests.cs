using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using WebMacs.AspNetCore.Tests.Support;
using WebMacs.Domain;
using WebMacs.Security;
using WebMacs.Testing.Hosting;
using static WebMacs.AspNetCore.Tests.Support.Http;

namespace WebMacs.AspNetCore.Tests.Security;

/// <summary>
/// The checked-credential cache (<c>WebMacs:CredentialCacheDuration</c>): changes made through the API take effect on
/// the very next request; changes another process writes straight into the database after at most the duration.
/// </summary>
public sealed class CredentialCacheTests(WebMacsHosts hosts) : IClassFixture<WebMacsHosts>
{
    private const string UsersPath = "/api/v1/users";

    [Theory]
    [MemberData(nameof(TestStores.All), MemberType = typeof(TestStores))]
    public async Task Request_AfterTheApiDemotedTheCaller_IsForbiddenAtOnce(TestStore store)
    {
        var host = await hosts.GetAsync(store);
        var admin = await host.CreateUserAsync(UserRole.Admin);
        using var before = await host.Client.GetWithBearerAsync(UsersPath, admin.Token);
        var publicId = await PublicIdAsync(host, admin.Token);

        using var demote = await SendAsync(host, HttpMethod.Put, $"{UsersPath}/{publicId}", await host.LoginAsync(), new { role = "viewer" });
        using var after = await host.Client.GetWithBearerAsync(UsersPath, admin.Token);

        Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        Assert.Equal(HttpStatusCode.OK, demote.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, after.StatusCode);
    }

    [Theory]
    [MemberData(nameof(TestStores.All), MemberType = typeof(TestStores))]
    public async Task Request_AfterTheApiDeletedTheCaller_IsUnauthorizedAtOnce(TestStore store)
    {
        var host = await hosts.GetAsync(store);
        var user = await host.CreateUserAsync(UserRole.Operator);
        var publicId = await PublicIdAsync(host, user.Token);

        using var delete = await SendAsync(host, HttpMethod.Delete, $"{UsersPath}/{publicId}", await host.LoginAsync(), null);
        using var me = await host.Client.GetWithBearerAsync(MePath, user.Token);

        Assert.Equal(HttpStatusCode.OK, delete.StatusCode);
        await me.AssertErrorAsync(HttpStatusCode.Unauthorized, "User not found.");
    }

    [Theory]
    [MemberData(nameof(TestStores.All), MemberType = typeof(TestStores))]
    public async Task Request_TokenRevokedByAnotherProcess_IsTrustedUntilTheDurationEndsThenRevoked(TestStore store)
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var host = await hosts.StartAsync(
            store,
            new Dictionary<string, string?> { ["WebMacs:CredentialCacheDuration"] = "00:00:02" },
            configureBuilder: b => b.Services.AddSingleton<TimeProvider>(clock));
        var user = await host.CreateUserAsync(UserRole.Operator);
        using var first = await host.Client.GetWithBearerAsync(MePath, user.Token);

        await RevokeOutsideEfCoreAsync(host, user.Token);
        using var withinDuration = await host.Client.GetWithBearerAsync(MePath, user.Token);
        clock.Advance(TimeSpan.FromSeconds(3));
        using var afterDuration = await host.Client.GetWithBearerAsync(MePath, user.Token);

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, withinDuration.StatusCode);
        await afterDuration.AssertErrorAsync(HttpStatusCode.Unauthorized, "Token has been revoked.");
    }

    [Theory]
    [MemberData(nameof(TestStores.All), MemberType = typeof(TestStores))]
    public async Task Request_PastHalfTheDuration_IsServedAndReloadsTheAnswerInTheBackground(TestStore store)
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var host = await hosts.StartAsync(
            store,
            new Dictionary<string, string?> { ["WebMacs:CredentialCacheDuration"] = "00:00:02" },
            configureBuilder: b => b.Services.AddSingleton<TimeProvider>(clock));
        var user = await host.CreateUserAsync(UserRole.Operator);
        using var first = await host.Client.GetWithBearerAsync(MePath, user.Token);
        await RevokeOutsideEfCoreAsync(host, user.Token);

        // Past half the duration: this request is still answered from memory, and starts a reload that sees the
        // revocation, so later requests are refused although the clock never reaches the full duration.
        clock.Advance(TimeSpan.FromSeconds(1.5));
        using var served = await host.Client.GetWithBearerAsync(MePath, user.Token);
        var refused = await Eventually.UntilAsync(
            async () =>
            {
                using var again = await host.Client.GetWithBearerAsync(MePath, user.Token);
                return again.StatusCode;
            },
            status => status == HttpStatusCode.Unauthorized,
            "the background reload to see the revocation");

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, served.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, refused);
    }

    [Theory]
    [MemberData(nameof(TestStores.All), MemberType = typeof(TestStores))]
    public async Task Request_DurationZero_SeesARevocationByAnotherProcessAtOnce(TestStore store)
    {
        await using var host = await hosts.StartAsync(store, new Dictionary<string, string?> { ["WebMacs:CredentialCacheDuration"] = "00:00:00" });
        var user = await host.CreateUserAsync(UserRole.Operator);
        using var first = await host.Client.GetWithBearerAsync(MePath, user.Token);

        await RevokeOutsideEfCoreAsync(host, user.Token);
        using var second = await host.Client.GetWithBearerAsync(MePath, user.Token);

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        await second.AssertErrorAsync(HttpStatusCode.Unauthorized, "Token has been revoked.");
    }

    [Theory]
    [MemberData(nameof(TestStores.All), MemberType = typeof(TestStores))]
    public async Task Request_ExpiredTokenWhileItsUserIsCached_IsRefused(TestStore store)
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var host = await hosts.StartAsync(
            store,
            new Dictionary<string, string?> { ["WebMacs:CredentialCacheDuration"] = "00:05:00", ["WebMacs:AccessTokenExpireMinutes"] = "1" },
            configureBuilder: b => b.Services.AddSingleton<TimeProvider>(clock));
        var user = await host.CreateUserAsync(UserRole.Operator);
        using var first = await host.Client.GetWithBearerAsync(MePath, user.Token);

        clock.Advance(TimeSpan.FromMinutes(2));
        using var expired = await host.Client.GetWithBearerAsync(MePath, user.Token);

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        await expired.AssertErrorAsync(HttpStatusCode.Unauthorized, "Invalid or expired token.");
    }

    private static Task<int> RevokeOutsideEfCoreAsync(WebMacsTestHost host, string token) =>
        host.ExecuteOutsideEfCoreAsync(
            "INSERT INTO blacklist_tokens (token_hash, blacklisted_on) VALUES (@hash, @on)", ("@hash", TokenHash.Sha256Hex(token)), ("@on", DateTime.UtcNow));

    private static async Task<string> PublicIdAsync(WebMacsTestHost host, string token)
    {
        using var me = await host.Client.GetWithBearerAsync(MePath, token);
        return (await me.ReadJsonAsync()).GetProperty("public_id").GetString()!;
    }

    private static async Task<HttpResponseMessage> SendAsync(WebMacsTestHost host, HttpMethod method, string path, string token, object? body)
    {
        using var request = new HttpRequestMessage(method, path);
        request.Headers.Authorization = new("Bearer", token);
        if (body is not null)
        {
            request.Content = JsonContent.Create(body);
        }

        return await host.Client.SendAsync(request, Ct);
    }
}
