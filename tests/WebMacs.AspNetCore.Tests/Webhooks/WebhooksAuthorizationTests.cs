using System.Net;
using WebMacs.AspNetCore.Tests.Datapoints;
using WebMacs.AspNetCore.Tests.Support;
using WebMacs.Domain;

namespace WebMacs.AspNetCore.Tests.Webhooks;

/// <summary>The RBAC matrix of the webhooks routes (§3.5, §10 item 19): admin only, also through an API token.</summary>
public sealed class WebhooksAuthorizationTests(WebMacsHosts hosts) : IClassFixture<WebMacsHosts>
{
    [Theory]
    [MemberData(nameof(TestStores.All), MemberType = typeof(TestStores))]
    public async Task Routes_OnlyAdminsPass(TestStore store)
    {
        var host = await hosts.GetAsync(store);
        var webhook = await host.InsertWebhookAsync("""["sensor.reading"]""");
        var viewer = await host.CreateUserAsync(UserRole.Viewer);
        var operatorUser = await host.CreateUserAsync(UserRole.Operator);
        var admin = await host.CreateUserAsync(UserRole.Admin);
        var operatorToken = await host.CreateApiTokenAsync(operatorUser.Email);
        var adminToken = await host.CreateApiTokenAsync(admin.Email);
        var path = $"/api/v1/webhooks/{webhook.PublicId}";

        var routes = new (HttpMethod Method, string Path, string? Body, HttpStatusCode Allowed)[]
        {
            (HttpMethod.Get, "/api/v1/webhooks", null, HttpStatusCode.OK),
            (HttpMethod.Post, "/api/v1/webhooks", $$"""{"url": "{{WebhookData.NewUrl()}}", "events": ["sensor.reading"]}""", HttpStatusCode.Created),
            (HttpMethod.Get, path, null, HttpStatusCode.OK),
            (HttpMethod.Put, path, """{"enabled": true}""", HttpStatusCode.OK),
            (HttpMethod.Get, $"{path}/deliveries", null, HttpStatusCode.OK),
            (HttpMethod.Delete, "/api/v1/webhooks/nonexistent", null, HttpStatusCode.NotFound),
        };

        foreach (var (method, route, body, allowed) in routes)
        {
            await ApiRequests.AssertAsync(host, null, method, route, body, HttpStatusCode.Unauthorized, "Authentication required.");
            foreach (var token in new[] { viewer.Token, operatorUser.Token, operatorToken })
            {
                await ApiRequests.AssertAsync(host, token, method, route, body, HttpStatusCode.Forbidden, "Admin privileges required.");
            }
        }

        foreach (var (method, route, body, allowed) in routes)
        {
            var fresh = body?.Replace("/hooks/", "/hooks/t", StringComparison.Ordinal);
            await ApiRequests.AssertAsync(host, admin.Token, method, route, body, allowed, null);
            await ApiRequests.AssertAsync(host, adminToken, method, route, fresh, allowed, null);
        }
    }

    [Fact]
    public async Task Create_OperatorWithInvalidBody_Gets403()
    {
        var host = await hosts.GetAsync(TestStore.Sqlite);
        var operatorUser = await host.CreateUserAsync(UserRole.Operator);

        await ApiRequests.AssertAsync(host, operatorUser.Token, HttpMethod.Post, "/api/v1/webhooks", """{"url": "ftp://x"}""", HttpStatusCode.Forbidden, "Admin privileges required.");
        await ApiRequests.AssertAsync(host, null, HttpMethod.Post, "/api/v1/webhooks", """{"url": "ftp://x"}""", HttpStatusCode.Unauthorized, "Authentication required.");
    }
}
