using System.Runtime.CompilerServices;
using WebMacs.AspNetCore.Tests.Support;
using WebMacs.Domain;
using WebMacs.Testing.Hosting;

namespace WebMacs.AspNetCore.Tests.Dashboards;

/// <summary>
/// The callers of one host for the dashboard, OTA and plugin route tests: the seeded admin, an operator and a viewer,
/// each by JWT and by <c>wm_</c> API token, plus an anonymous client. Created once per host.
/// </summary>
internal sealed record RouteCallers(
    HttpClient Anonymous,
    HttpClient Admin,
    HttpClient AdminToken,
    TestUser Operator,
    HttpClient OperatorClient,
    HttpClient OperatorToken,
    TestUser Viewer,
    HttpClient ViewerClient,
    HttpClient ViewerToken)
{
    private static readonly ConditionalWeakTable<WebMacsTestHost, Task<RouteCallers>> ByHost = [];

    public static Task<RouteCallers> ForAsync(WebMacsTestHost host) => ByHost.GetValue(host, CreateAsync);

    /// <summary>Gets every authenticated caller with the role it acts with.</summary>
    public IEnumerable<(string Name, HttpClient Client, UserRole Role)> Authenticated =>
    [
        ("viewer JWT", ViewerClient, UserRole.Viewer),
        ("viewer API token", ViewerToken, UserRole.Viewer),
        ("operator JWT", OperatorClient, UserRole.Operator),
        ("operator API token", OperatorToken, UserRole.Operator),
        ("admin JWT", Admin, UserRole.Admin),
        ("admin API token", AdminToken, UserRole.Admin),
    ];

    private static async Task<RouteCallers> CreateAsync(WebMacsTestHost host)
    {
        var op = await host.CreateUserAsync(UserRole.Operator);
        var viewer = await host.CreateUserAsync(UserRole.Viewer);
        return new RouteCallers(
            new HttpClient { BaseAddress = host.BaseAddress },
            host.CreateClient(await host.LoginAsync()),
            host.CreateClient(await host.CreateApiTokenAsync(WebMacsTestHost.AdminEmail)),
            op,
            host.CreateClient(op.Token),
            host.CreateClient(await host.CreateApiTokenAsync(op.Email)),
            viewer,
            host.CreateClient(viewer.Token),
            host.CreateClient(await host.CreateApiTokenAsync(viewer.Email)));
    }
}
