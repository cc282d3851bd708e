using System.Net;
using WebMacs.AspNetCore.Tests.Datapoints;
using WebMacs.AspNetCore.Tests.Support;
using WebMacs.Domain;
using static WebMacs.AspNetCore.Tests.Rules.RulesEndpointsTests;

namespace WebMacs.AspNetCore.Tests.Rules;

/// <summary>The RBAC matrix of the rules routes (§3.5, §10 item 19): operator and admin, also through API tokens.</summary>
public sealed class RulesAuthorizationTests(WebMacsHosts hosts) : IClassFixture<WebMacsHosts>
{
    [Theory]
    [MemberData(nameof(TestStores.All), MemberType = typeof(TestStores))]
    public async Task Routes_OperatorsAndAdminsPass_ViewersGet403(TestStore store)
    {
        var host = await hosts.GetAsync(store);
        var target = await host.CreateEventAsync();
        var viewer = await host.CreateUserAsync(UserRole.Viewer);
        var operatorUser = await host.CreateUserAsync(UserRole.Operator);
        var viewerToken = await host.CreateApiTokenAsync(viewer.Email);
        var operatorToken = await host.CreateApiTokenAsync(operatorUser.Email);
        var adminToken = await host.LoginAsync();
        var name = NewName();
        using (var client = host.CreateClient(adminToken))
        {
            Assert.Equal(HttpStatusCode.Created, (await client.PostRawJsonAsync(RulesPath, Body(name, target, "gt", 1))).StatusCode);
        }

        var path = $"{RulesPath}/{(await FindAsync(host, name))!.PublicId}";
        var routes = new (HttpMethod Method, string Path, Func<string?> Body, HttpStatusCode Allowed)[]
        {
            (HttpMethod.Get, RulesPath, () => null, HttpStatusCode.OK),
            (HttpMethod.Post, RulesPath, () => Body(NewName(), target, "lt", 1), HttpStatusCode.Created),
            (HttpMethod.Get, path, () => null, HttpStatusCode.OK),
            (HttpMethod.Put, path, () => """{"cooldown_seconds": 1}""", HttpStatusCode.OK),
            (HttpMethod.Delete, $"{RulesPath}/nonexistent", () => null, HttpStatusCode.NotFound),
        };

        foreach (var (method, route, body, allowed) in routes)
        {
            await ApiRequests.AssertAsync(host, null, method, route, body(), HttpStatusCode.Unauthorized, "Authentication required.");
            await ApiRequests.AssertAsync(host, viewer.Token, method, route, body(), HttpStatusCode.Forbidden, "Operator privileges required.");
            await ApiRequests.AssertAsync(host, viewerToken, method, route, body(), HttpStatusCode.Forbidden, "Operator privileges required.");
            foreach (var token in new[] { operatorUser.Token, operatorToken, adminToken })
            {
                await ApiRequests.AssertAsync(host, token, method, route, body(), allowed, null);
            }
        }
    }

    [Fact]
    public async Task Create_ViewerWithInvalidBody_Gets403()
    {
        var host = await hosts.GetAsync(TestStore.Sqlite);
        var viewer = await host.CreateUserAsync(UserRole.Viewer);

        await ApiRequests.AssertAsync(host, viewer.Token, HttpMethod.Post, RulesPath, """{"operator": "between"}""", HttpStatusCode.Forbidden, "Operator privileges required.");
        await ApiRequests.AssertAsync(host, null, HttpMethod.Put, $"{RulesPath}/x", """{"operator": 1}""", HttpStatusCode.Unauthorized, "Authentication required.");
    }
}
