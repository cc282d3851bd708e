using System.Net;
using WebMacs.AspNetCore.Tests.Support;
using WebMacs.Domain;
using WebMacs.Testing.Hosting;
using static WebMacs.AspNetCore.Tests.Support.Http;

namespace WebMacs.AspNetCore.Tests.Security;

/// <summary>The role policies of reference §3.5 on endpoints a host maps itself, always checked against the current database role.</summary>
public sealed class WebMacsPoliciesTests(WebMacsHosts hosts) : IClassFixture<WebMacsHosts>
{
    private const string OperatorRequired = "Operator privileges required.";
    private const string AdminRequired = "Admin privileges required.";

    [Theory]
    [MemberData(nameof(TestStores.All), MemberType = typeof(TestStores))]
    public async Task Policies_Viewer_PassesViewerAndGets403FromOperatorAndAdmin(TestStore store)
    {
        var host = await hosts.GetAsync(store);
        var viewer = await host.CreateUserAsync(UserRole.Viewer);

        using var viewerRoute = await host.Client.GetWithBearerAsync(TestEndpoints.Viewer, viewer.Token);
        using var operatorRoute = await host.Client.GetWithBearerAsync(TestEndpoints.Operator, viewer.Token);
        using var adminRoute = await host.Client.GetWithBearerAsync(TestEndpoints.Admin, viewer.Token);

        Assert.Equal(HttpStatusCode.OK, viewerRoute.StatusCode);
        await operatorRoute.AssertErrorAsync(HttpStatusCode.Forbidden, OperatorRequired);
        await adminRoute.AssertErrorAsync(HttpStatusCode.Forbidden, AdminRequired);
    }

    [Theory]
    [MemberData(nameof(TestStores.All), MemberType = typeof(TestStores))]
    public async Task Policies_Operator_PassesOperatorAndGets403FromAdmin(TestStore store)
    {
        var host = await hosts.GetAsync(store);
        var user = await host.CreateUserAsync(UserRole.Operator);

        using var operatorRoute = await host.Client.GetWithBearerAsync(TestEndpoints.Operator, user.Token);
        using var adminRoute = await host.Client.GetWithBearerAsync(TestEndpoints.Admin, user.Token);

        Assert.Equal(HttpStatusCode.OK, operatorRoute.StatusCode);
        Assert.Equal("operator ok", await operatorRoute.Content.ReadAsStringAsync(Ct));
        await adminRoute.AssertErrorAsync(HttpStatusCode.Forbidden, AdminRequired);
    }

    [Theory]
    [MemberData(nameof(TestStores.All), MemberType = typeof(TestStores))]
    public async Task Policies_Admin_PassesEveryRole(TestStore store)
    {
        var host = await hosts.GetAsync(store);
        var token = await host.LoginAsync();

        foreach (var path in new[] { TestEndpoints.Viewer, TestEndpoints.Operator, TestEndpoints.Admin })
        {
            using var response = await host.Client.GetWithBearerAsync(path, token);
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{path}: {(int)response.StatusCode}");
        }
    }

    [Theory]
    [MemberData(nameof(TestStores.All), MemberType = typeof(TestStores))]
    public async Task Policies_RoleRaisedInTheDatabase_AppliesToAnExistingToken(TestStore store)
    {
        var host = await hosts.GetAsync(store);
        var user = await host.CreateUserAsync(UserRole.Viewer);
        using var before = await host.Client.GetWithBearerAsync(TestEndpoints.Operator, user.Token);
        await before.AssertErrorAsync(HttpStatusCode.Forbidden, OperatorRequired);

        await host.SetRoleAsync(user.Id, UserRole.Operator);
        using var after = await host.Client.GetWithBearerAsync(TestEndpoints.Operator, user.Token);
        using var me = await host.Client.GetWithBearerAsync(MePath, user.Token);

        Assert.Equal(HttpStatusCode.OK, after.StatusCode);
        Assert.Equal("operator", (await me.ReadJsonAsync()).GetProperty("role").GetString());
    }

    [Theory]
    [MemberData(nameof(TestStores.All), MemberType = typeof(TestStores))]
    public async Task Policies_AdminDemotedInTheDatabase_IsRefusedDespiteTheTokensRoleClaim(TestStore store)
    {
        var host = await hosts.GetAsync(store);
        var user = await host.CreateUserAsync(UserRole.Admin);
        Assert.Equal("admin", Jwt.Decode(user.Token).Payload.GetProperty("role").GetString());

        await host.SetRoleAsync(user.Id, UserRole.Viewer);
        using var adminRoute = await host.Client.GetWithBearerAsync(TestEndpoints.Admin, user.Token);
        using var operatorRoute = await host.Client.GetWithBearerAsync(TestEndpoints.Operator, user.Token);

        await adminRoute.AssertErrorAsync(HttpStatusCode.Forbidden, AdminRequired);
        await operatorRoute.AssertErrorAsync(HttpStatusCode.Forbidden, OperatorRequired);
    }

    [Theory]
    [MemberData(nameof(TestStores.All), MemberType = typeof(TestStores))]
    public async Task Policies_ViewerWithApiToken_Gets403FromOperator(TestStore store)
    {
        var host = await hosts.GetAsync(store);
        var viewer = await host.CreateUserAsync(UserRole.Viewer);
        var token = await host.CreateApiTokenAsync(viewer.Email);

        using var response = await host.Client.GetWithBearerAsync(TestEndpoints.Operator, token);

        await response.AssertErrorAsync(HttpStatusCode.Forbidden, OperatorRequired);
    }

    [Fact]
    public async Task Policies_NoCredentials_Returns401BeforeTheRoleCheck()
    {
        var host = await hosts.GetAsync(TestStore.Sqlite);

        using var response = await host.Client.GetAsync(TestEndpoints.Admin, Ct);

        await response.AssertErrorAsync(HttpStatusCode.Unauthorized, "Authentication required.");
    }
}
