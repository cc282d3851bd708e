using System.Net;
using System.Runtime.CompilerServices;
using System.Text.Json;
using WebMacs.AspNetCore.Tests.Support;
using WebMacs.Domain;
using WebMacs.Testing.Hosting;
using static WebMacs.AspNetCore.Tests.Support.Http;

namespace WebMacs.AspNetCore.Tests.Events;

/// <summary>
/// The base of the route tests of events, experiments, logging and API tokens: one shared host per test class on
/// the store the concrete subclass names (SQLite or PostgreSQL), with a caller of every role.
/// </summary>
public abstract class RouteTestBase(WebMacsHosts hosts, TestStore store)
{
    private static readonly ConditionalWeakTable<WebMacsTestHost, Task<Callers>> CallersByHost = [];

    protected TestStore Store => store;

    protected Task<WebMacsTestHost> HostAsync() => hosts.GetAsync(store);

    /// <summary>Gets the host and its callers: the seeded admin, an operator and a viewer, each by JWT and by API token.</summary>
    private protected async Task<(WebMacsTestHost Host, Callers Callers)> ArrangeAsync()
    {
        var host = await HostAsync();
        var callers = await CallersByHost.GetValue(host, Callers.CreateAsync);
        return (host, callers);
    }

    /// <summary>Asserts a <c>{"status":"success","message":…}</c> body with <paramref name="status"/>.</summary>
    protected static async Task AssertSuccessAsync(HttpResponseMessage response, HttpStatusCode status, string message)
    {
        var body = await response.ReadJsonAsync();
        Assert.True(status == response.StatusCode, $"Expected {(int)status}, got {(int)response.StatusCode}: {body}");
        Assert.Equal(["message", "status"], PropertyNames(body));
        Assert.Equal("success", body.GetProperty("status").GetString());
        Assert.Equal(message, body.GetProperty("message").GetString());
    }

    /// <summary>Sends a request with an optional raw JSON body.</summary>
    protected static Task<HttpResponseMessage> SendAsync(HttpClient client, string method, string path, string? body)
    {
        var request = new HttpRequestMessage(new HttpMethod(method), path);
        if (body is not null)
        {
            request.Content = new StringContent(body, System.Text.Encoding.UTF8, "application/json");
        }

        return client.SendAsync(request, Ct);
    }

    protected static Task<HttpResponseMessage> PutAsync(HttpClient client, string path, string json) => SendAsync(client, "PUT", path, json);

    /// <summary>Reads every item of a paginated list (100 a page).</summary>
    protected static async Task<List<JsonElement>> ListAllAsync(HttpClient client, string path)
    {
        var items = new List<JsonElement>();
        for (var page = 1; ; page++)
        {
            using var response = await client.GetAsync($"{path}?page={page}&page_size=100", Ct);
            var body = await response.ReadJsonAsync();
            Assert.True(response.StatusCode == HttpStatusCode.OK, body.ToString());
            var data = body.GetProperty("data").EnumerateArray().ToList();
            items.AddRange(data);
            if (data.Count < 100)
            {
                return items;
            }
        }
    }

    /// <summary>Checks the list conventions: exact keys, default and maximum page size, 422 bounds, a page past the end.</summary>
    protected static async Task AssertPaginationAsync(HttpClient client, string path, Func<Task<int>> countInStore)
    {
        using (var first = await client.GetAsync(path + "?_t=123", Ct))
        {
            var body = await first.ReadJsonAsync();
            Assert.Equal(HttpStatusCode.OK, first.StatusCode);
            Assert.Equal(["data", "page", "page_size", "total"], PropertyNames(body));
            Assert.Equal(1, body.GetProperty("page").GetInt32());
            Assert.Equal(25, body.GetProperty("page_size").GetInt32());
            Assert.Equal(await countInStore(), body.GetProperty("total").GetInt32());
        }

        foreach (var bad in new[] { "page_size=101", "page_size=0", "page=0", "page=-1", "page=abc", "page_size=1.5" })
        {
            using var response = await client.GetAsync($"{path}?{bad}", Ct);
            var errors = await response.AssertValidationErrorAsync();
            Assert.Equal("query", errors[0].GetProperty("loc")[0].GetString());
        }

        using (var max = await client.GetAsync(path + "?page_size=100", Ct))
        {
            Assert.Equal(HttpStatusCode.OK, max.StatusCode);
            Assert.Equal(100, (await max.ReadJsonAsync()).GetProperty("page_size").GetInt32());
        }

        using var pastEnd = await client.GetAsync(path + "?page=100000&page_size=100", Ct);
        var past = await pastEnd.ReadJsonAsync();
        Assert.Equal(HttpStatusCode.OK, pastEnd.StatusCode);
        Assert.Equal(100000, past.GetProperty("page").GetInt32());
        Assert.Empty(past.GetProperty("data").EnumerateArray());
        Assert.Equal(await countInStore(), past.GetProperty("total").GetInt32());
    }

    /// <summary>Sends every malformed body to a write route: each gets a 4xx, never a 5xx, and the host stays healthy.</summary>
    protected static async Task AssertMalformedBodiesRefusedAsync(WebMacsTestHost host, HttpClient client, HttpMethod method, string path, IReadOnlyList<BodyFuzz.Field> fields)
    {
        foreach (var (description, content) in BodyFuzz.Cases(fields))
        {
            using var request = new HttpRequestMessage(method, path) { Content = content };
            using var response = await client.SendAsync(request, Ct);
            var text = await response.Content.ReadAsStringAsync(Ct);
            Assert.True((int)response.StatusCode is >= 400 and < 500, $"{method} {path} with {description}: {(int)response.StatusCode} {text[..Math.Min(text.Length, 500)]}");
        }

        using var health = await host.Client.GetAsync("/health", Ct);
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        Assert.Equal("ok", (await health.ReadJsonAsync()).GetProperty("status").GetString());
    }

    /// <summary>The callers of one host.</summary>
    internal sealed record Callers(HttpClient Admin, TestUser Operator, HttpClient OperatorClient, HttpClient OperatorToken, TestUser Viewer, HttpClient ViewerClient, HttpClient ViewerToken)
    {
        public static async Task<Callers> CreateAsync(WebMacsTestHost host)
        {
            var admin = host.CreateClient(await host.LoginAsync());
            var op = await host.CreateUserAsync(UserRole.Operator);
            var viewer = await host.CreateUserAsync(UserRole.Viewer);
            return new Callers(
                admin,
                op,
                host.CreateClient(op.Token),
                host.CreateClient(await host.CreateApiTokenAsync(op.Email)),
                viewer,
                host.CreateClient(viewer.Token),
                host.CreateClient(await host.CreateApiTokenAsync(viewer.Email)));
        }
    }
}
