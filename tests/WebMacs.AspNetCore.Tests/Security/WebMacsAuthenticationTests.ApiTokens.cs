using System.Net;
using WebMacs.AspNetCore.Tests.Support;
using WebMacs.Testing.Hosting;
using static WebMacs.AspNetCore.Tests.Support.Http;

namespace WebMacs.AspNetCore.Tests.Security;

public sealed partial class WebMacsAuthenticationTests
{
    [Theory]
    [MemberData(nameof(TestStores.All), MemberType = typeof(TestStores))]
    public async Task Me_ApiToken_AuthenticatesItsOwnerAndRecordsTheUse(TestStore store)
    {
        var host = await hosts.GetAsync(store);
        var token = await host.CreateApiTokenAsync(WebMacsTestHost.AdminEmail);
        Assert.Null(await host.GetApiTokenLastUsedAsync(token));

        using var response = await host.Client.GetWithBearerAsync(MePath, token);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(WebMacsTestHost.AdminEmail, (await response.ReadJsonAsync()).GetProperty("email").GetString());
        Assert.NotNull(await host.GetApiTokenLastUsedAsync(token));
    }

    [Theory]
    [MemberData(nameof(TestStores.All), MemberType = typeof(TestStores))]
    public async Task Me_ApiTokenWithFutureExpiry_Authenticates(TestStore store)
    {
        var host = await hosts.GetAsync(store);
        var token = await host.CreateApiTokenAsync(WebMacsTestHost.AdminEmail, DateTime.UtcNow.AddDays(1));

        using var response = await host.Client.GetWithBearerAsync(MePath, token);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Theory]
    [MemberData(nameof(TestStores.All), MemberType = typeof(TestStores))]
    public async Task Me_ExpiredApiToken_Returns401ApiTokenExpired(TestStore store)
    {
        var host = await hosts.GetAsync(store);
        var token = await host.CreateApiTokenAsync(WebMacsTestHost.AdminEmail, DateTime.UtcNow.AddMinutes(-5));

        using var response = await host.Client.GetWithBearerAsync(MePath, token);

        await response.AssertErrorAsync(HttpStatusCode.Unauthorized, "API token has expired.");
        Assert.Empty(response.Headers.WwwAuthenticate);
    }

    [Theory]
    [MemberData(nameof(TestStores.All), MemberType = typeof(TestStores))]
    public async Task Me_UnknownApiToken_Returns401InvalidApiToken(TestStore store)
    {
        var host = await hosts.GetAsync(store);

        using var shortToken = await host.Client.GetWithBearerAsync(MePath, "wm_abc");
        using var fullLengthToken = await host.Client.GetWithBearerAsync(MePath, "wm_" + new string('x', 64));

        await shortToken.AssertErrorAsync(HttpStatusCode.Unauthorized, "Invalid API token.");
        await fullLengthToken.AssertErrorAsync(HttpStatusCode.Unauthorized, "Invalid API token.");
    }

    [Theory]
    [MemberData(nameof(TestStores.All), MemberType = typeof(TestStores))]
    public async Task Logout_WithApiToken_SucceedsButLeavesTheTokenUsable(TestStore store)
    {
        var host = await hosts.GetAsync(store);
        var token = await host.CreateApiTokenAsync(WebMacsTestHost.AdminEmail);

        using var logout = await host.Client.PostWithBearerAsync(LogoutPath, token);
        using var me = await host.Client.GetWithBearerAsync(MePath, token);

        Assert.Equal(HttpStatusCode.OK, logout.StatusCode);
        Assert.Equal(HttpStatusCode.OK, me.StatusCode);
    }
}
