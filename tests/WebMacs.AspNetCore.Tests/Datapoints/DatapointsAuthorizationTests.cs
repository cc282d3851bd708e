using System.Net;
using WebMacs.AspNetCore.Tests.Support;
using WebMacs.Domain;

namespace WebMacs.AspNetCore.Tests.Datapoints;

/// <summary>The RBAC matrix of the datapoints routes (§3.5): reads and series for viewer+, writes for operator+.</summary>
public sealed class DatapointsAuthorizationTests(WebMacsHosts hosts) : IClassFixture<WebMacsHosts>
{
    [Theory]
    [MemberData(nameof(TestStores.All), MemberType = typeof(TestStores))]
    public async Task Routes_EachRole_GetsTheContractStatus(TestStore store)
    {
        var host = await hosts.GetAsync(store);
        var linked = await host.CreateLinkedEventAsync();
        var ids = await host.InsertDatapointsAsync(DatapointsQueryEndpointsTests.Row(linked, 1, DateTime.UtcNow));
        var existing = DatapointId.ToPublicId(ids[0]);
        var viewer = await host.CreateUserAsync(UserRole.Viewer);
        var operatorUser = await host.CreateUserAsync(UserRole.Operator);
        var viewerToken = await host.CreateApiTokenAsync(viewer.Email);
        var operatorToken = await host.CreateApiTokenAsync(operatorUser.Email);
        var adminToken = await host.LoginAsync();
        var create = $$"""{"value": 1, "event_public_id": "{{linked.Public}}"}""";

        // (route, body, status for viewer+ roles that may call it); operator-only routes answer 403 to viewers.
        var routes = new (HttpMethod Method, string Path, string? Body, HttpStatusCode Allowed, bool OperatorOnly)[]
        {
            (HttpMethod.Get, "/api/v1/datapoints", null, HttpStatusCode.OK, false),
            (HttpMethod.Get, "/api/v1/datapoints/latest", null, HttpStatusCode.OK, false),
            (HttpMethod.Get, $"/api/v1/datapoints/{existing}", null, HttpStatusCode.OK, false),
            (HttpMethod.Post, "/api/v1/datapoints/series", $$"""{"event_public_ids": ["{{linked.Public}}"]}""", HttpStatusCode.OK, false),
            (HttpMethod.Post, "/api/v1/datapoints", create, HttpStatusCode.Created, true),
            (HttpMethod.Post, "/api/v1/datapoints/batch", $$"""{"datapoints": [{{create}}]}""", HttpStatusCode.Created, true),
            (HttpMethod.Delete, $"/api/v1/datapoints/{DatapointId.ToPublicId(999_999)}", null, HttpStatusCode.NotFound, true),
        };

        foreach (var (method, path, body, allowed, operatorOnly) in routes)
        {
            await ApiRequests.AssertAsync(host, null, method, path, body, HttpStatusCode.Unauthorized, "Authentication required.");
            await ApiRequests.AssertAsync(host, "not-a-token", method, path, body, HttpStatusCode.Unauthorized, "Invalid or expired token.");
            foreach (var token in new[] { viewer.Token, viewerToken })
            {
                await ApiRequests.AssertAsync(host, token, method, path, body, operatorOnly ? HttpStatusCode.Forbidden : allowed, operatorOnly ? "Operator privileges required." : null);
            }

            foreach (var token in new[] { operatorUser.Token, operatorToken, adminToken })
            {
                await ApiRequests.AssertAsync(host, token, method, path, body, allowed, null);
            }
        }
    }

    [Theory]
    [MemberData(nameof(TestStores.All), MemberType = typeof(TestStores))]
    public async Task WriteRoutes_ViewerWithInvalidBody_Gets403AndAnonymous401(TestStore store)
    {
        var host = await hosts.GetAsync(store);
        var viewer = await host.CreateUserAsync(UserRole.Viewer);

        foreach (var path in new[] { "/api/v1/datapoints", "/api/v1/datapoints/batch" })
        {
            await ApiRequests.AssertAsync(host, viewer.Token, HttpMethod.Post, path, """{"value": "x"}""", HttpStatusCode.Forbidden, "Operator privileges required.");
            await ApiRequests.AssertAsync(host, null, HttpMethod.Post, path, """{"value": "x"}""", HttpStatusCode.Unauthorized, "Authentication required.");
        }

        await ApiRequests.AssertAsync(host, null, HttpMethod.Post, "/api/v1/datapoints/series", "{}", HttpStatusCode.Unauthorized, "Authentication required.");
    }
}
