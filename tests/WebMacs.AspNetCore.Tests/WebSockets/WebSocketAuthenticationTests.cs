using System.Net.WebSockets;
using WebMacs.AspNetCore.Tests.Datapoints;
using WebMacs.AspNetCore.Tests.Support;
using WebMacs.Domain;
using WebMacs.Security;
using static WebMacs.AspNetCore.Tests.Support.Http;

namespace WebMacs.AspNetCore.Tests.WebSockets;

/// <summary>§5.1: the handshake is accepted, then a bad credential closes both sockets with 1008 and the contract's reason.</summary>
public sealed class WebSocketAuthenticationTests(WebMacsHosts hosts) : IClassFixture<WebMacsHosts>
{
    public static TheoryData<TestStore, string> StoresAndPaths => new()
    {
        { TestStore.Sqlite, WsClient.Telemetry },
        { TestStore.Sqlite, WsClient.Stream },
        { TestStore.Postgres, WsClient.Telemetry },
        { TestStore.Postgres, WsClient.Stream },
    };

    [Theory]
    [MemberData(nameof(StoresAndPaths))]
    public async Task Connect_MissingOrEmptyToken_Closes1008AuthenticationRequired(TestStore store, string path)
    {
        var host = await hosts.GetAsync(store);

        await AssertRefusedAsync(await WsClient.ConnectAsync(host, path, null), "Authentication required");
        await AssertRefusedAsync(await WsClient.ConnectAsync(host, path, string.Empty), "Authentication required");
    }

    [Theory]
    [MemberData(nameof(StoresAndPaths))]
    public async Task Connect_GarbageJwt_Closes1008InvalidOrExpiredToken(TestStore store, string path)
    {
        var host = await hosts.GetAsync(store);

        await AssertRefusedAsync(await WsClient.ConnectAsync(host, path, "garbage"), "Invalid or expired token");
    }

    [Theory]
    [MemberData(nameof(StoresAndPaths))]
    public async Task Connect_LoggedOutJwt_Closes1008TokenHasBeenRevoked(TestStore store, string path)
    {
        var host = await hosts.GetAsync(store);
        var user = await host.CreateUserAsync(UserRole.Viewer);
        using (var logout = await host.Client.PostWithBearerAsync(LogoutPath, user.Token))
        {
            logout.EnsureSuccessStatusCode();
        }

        await AssertRefusedAsync(await WsClient.ConnectAsync(host, path, user.Token), "Token has been revoked");
    }

    [Theory]
    [MemberData(nameof(TestStores.All), MemberType = typeof(TestStores))]
    public async Task Connect_RevokedAndInvalidJwt_ReportsTheDecodeFailureFirst(TestStore store)
    {
        var host = await hosts.GetAsync(store);
        const string token = "not-a-jwt-but-revoked";
        await host.WithDbAsync(db =>
        {
            db.BlacklistedTokens.Add(new BlacklistedToken { TokenHash = TokenHash.Sha256Hex(token), BlacklistedOn = DateTime.UtcNow });
            return db.SaveChangesAsync(Ct);
        });

        await AssertRefusedAsync(await WsClient.ConnectAsync(host, WsClient.Stream, token), "Invalid or expired token");
    }

    [Theory]
    [MemberData(nameof(StoresAndPaths))]
    public async Task Connect_UnknownApiToken_Closes1008InvalidApiToken(TestStore store, string path)
    {
        var host = await hosts.GetAsync(store);

        await AssertRefusedAsync(await WsClient.ConnectAsync(host, path, "wm_unknown"), "Invalid API token");
    }

    [Theory]
    [MemberData(nameof(StoresAndPaths))]
    public async Task Connect_ExpiredApiToken_Closes1008ApiTokenExpired(TestStore store, string path)
    {
        var host = await hosts.GetAsync(store);
        var user = await host.CreateUserAsync(UserRole.Operator);
        var token = await host.CreateApiTokenAsync(user.Email, DateTime.UtcNow.AddMinutes(-1));

        await AssertRefusedAsync(await WsClient.ConnectAsync(host, path, token), "API token expired");
    }

    [Theory]
    [MemberData(nameof(StoresAndPaths))]
    public async Task Connect_JwtOfDeletedUser_Closes1008UserNotFound(TestStore store, string path)
    {
        var host = await hosts.GetAsync(store);
        var user = await host.CreateUserAsync(UserRole.Viewer);
        await host.DeleteUserAsync(user.Id);

        await AssertRefusedAsync(await WsClient.ConnectAsync(host, path, user.Token), "User not found");
    }

    [Theory]
    [MemberData(nameof(TestStores.All), MemberType = typeof(TestStores))]
    public async Task Connect_ViewerJwt_IsAcceptedOnBothSockets(TestStore store)
    {
        var host = await hosts.GetAsync(store);
        var viewer = await host.CreateUserAsync(UserRole.Viewer);
        var linked = await host.CreateLinkedEventAsync();

        await using var stream = await WsClient.ConnectStreamAsync(host, viewer.Token);
        await using var telemetry = await WsClient.ConnectAsync(host, WsClient.Telemetry, viewer.Token);
        await telemetry.SendTextAsync($$"""{"source":"viewer","seq":1,"datapoints":[{"value":1.5,"event_public_id":"{{linked.Public}}"}]}""");

        Assert.Equal(1, (await telemetry.ReceiveJsonAsync()).GetProperty("seq").GetInt64());
        Assert.Equal(1.5, Assert.Single(await host.DatapointsOfAsync(linked)).Value);
    }

    [Theory]
    [MemberData(nameof(TestStores.All), MemberType = typeof(TestStores))]
    public async Task Connect_ApiToken_IsAcceptedAndMarksTheTokenUsed(TestStore store)
    {
        var host = await hosts.GetAsync(store);
        var user = await host.CreateUserAsync(UserRole.Viewer);
        var token = await host.CreateApiTokenAsync(user.Email);

        await using var stream = await WsClient.ConnectStreamAsync(host, token);

        Assert.NotNull(await host.GetApiTokenLastUsedAsync(token));
    }

    private static async Task AssertRefusedAsync(WsClient client, string reason)
    {
        await using (client)
        {
            var (status, text) = await client.ReceiveCloseAsync();
            Assert.Equal(WebSocketCloseStatus.PolicyViolation, status);
            Assert.Equal(reason, text);
        }
    }
}
