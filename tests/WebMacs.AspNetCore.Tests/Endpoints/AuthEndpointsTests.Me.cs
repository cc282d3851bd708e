using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using WebMacs.AspNetCore.Tests.Support;
using WebMacs.Domain;
using WebMacs.Testing.Hosting;
using static WebMacs.AspNetCore.Tests.Support.Http;

namespace WebMacs.AspNetCore.Tests.Endpoints;

public sealed partial class AuthEndpointsTests
{
    [Theory]
    [MemberData(nameof(TestStores.All), MemberType = typeof(TestStores))]
    public async Task Me_AdminToken_ReturnsTheCallersProfile(TestStore store)
    {
        var host = await hosts.GetAsync(store);
        using var login = await host.Client.LoginAsync(WebMacsTestHost.AdminEmail, WebMacsTestHost.AdminPassword);
        var loginBody = await login.ReadJsonAsync();

        using var response = await host.Client.GetWithBearerAsync(MePath, loginBody.GetProperty("access_token").GetString()!);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.ReadJsonAsync();
        Assert.Equal(["admin", "email", "public_id", "registered_on", "role", "sso_provider", "username"], PropertyNames(body));
        Assert.Equal("admin", body.GetProperty("role").GetString());
        Assert.True(body.GetProperty("admin").GetBoolean());
        Assert.Equal(JsonValueKind.Null, body.GetProperty("sso_provider").ValueKind);
        Assert.EndsWith("Z", body.GetProperty("registered_on").GetString(), StringComparison.Ordinal);
        Assert.True(DateTime.TryParse(body.GetProperty("registered_on").GetString(), System.Globalization.CultureInfo.InvariantCulture,
            System.Globalization.DateTimeStyles.RoundtripKind, out _));
        Assert.Equal(WebMacsTestHost.AdminEmail, body.GetProperty("email").GetString());
        Assert.Equal("admin", body.GetProperty("username").GetString());
        Assert.Equal(loginBody.GetProperty("public_id").GetString(), body.GetProperty("public_id").GetString());
    }

    [Theory]
    [MemberData(nameof(TestStores.All), MemberType = typeof(TestStores))]
    public async Task Login_Success_WritesOneUnreadInfoLogEntryOwnedByTheUser(TestStore store)
    {
        var host = await hosts.GetAsync(store);

        var user = await host.CreateUserAsync(UserRole.Viewer);

        var entries = await host.WithDbAsync(db => db.LogEntries.Where(e => e.UserId == user.Id).ToListAsync(Ct));
        var entry = Assert.Single(entries);
        Assert.Equal($"User '{user.Username}' logged in.", entry.Content);
        Assert.Equal(LoggingType.Info, entry.LoggingType);
        Assert.Equal(StatusType.Unread, entry.StatusType);
    }

    [Theory]
    [MemberData(nameof(TestStores.All), MemberType = typeof(TestStores))]
    public async Task Me_ViewerToken_ReturnsViewerRoleAndAdminFalse(TestStore store)
    {
        var host = await hosts.GetAsync(store);
        var viewer = await host.CreateUserAsync(UserRole.Viewer);

        using var response = await host.Client.GetWithBearerAsync(MePath, viewer.Token);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.ReadJsonAsync();
        Assert.Equal("viewer", body.GetProperty("role").GetString());
        Assert.False(body.GetProperty("admin").GetBoolean());
        Assert.Equal(viewer.Username, body.GetProperty("username").GetString());
    }
}
