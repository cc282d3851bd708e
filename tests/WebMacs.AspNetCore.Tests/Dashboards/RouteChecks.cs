using System.Net;
using System.Text;
using System.Text.Json;
using WebMacs.Domain;
using WebMacs.Testing.Hosting;
using static WebMacs.AspNetCore.Tests.Support.Http;

namespace WebMacs.AspNetCore.Tests.Dashboards;

/// <summary>Request and assertion helpers shared by the dashboard, OTA and plugin route tests.</summary>
internal static class RouteChecks
{
    /// <summary>Sends a request with an optional raw JSON body.</summary>
    public static Task<HttpResponseMessage> SendJsonAsync(this HttpClient client, HttpMethod method, string path, string? json = null)
    {
        var request = new HttpRequestMessage(method, path);
        if (json is not null)
        {
            request.Content = new StringContent(json, Encoding.UTF8, "application/json");
        }

        return client.SendAsync(request, Ct);
    }

    /// <summary>Asserts a <c>{"status":"success","message":…}</c> body with <paramref name="status"/>.</summary>
    public static async Task AssertSuccessAsync(this HttpResponseMessage response, HttpStatusCode status, string message)
    {
        var body = await response.ReadJsonAsync();
        Assert.True(status == response.StatusCode, $"Expected {(int)status}, got {(int)response.StatusCode}: {body}");
        Assert.Equal(["message", "status"], PropertyNames(body));
        Assert.Equal("success", body.GetProperty("status").GetString());
        Assert.Equal(message, body.GetProperty("message").GetString());
    }

    /// <summary>Asserts a 200 (or <paramref name="status"/>) and returns the JSON body.</summary>
    public static async Task<JsonElement> ReadOkAsync(this HttpResponseMessage response, HttpStatusCode status = HttpStatusCode.OK)
    {
        var body = await response.ReadJsonAsync();
        Assert.True(status == response.StatusCode, $"Expected {(int)status}, got {(int)response.StatusCode}: {body}");
        return body;
    }

    /// <summary>
    /// Checks the role guard of a route (reference §3.5): anonymous → 401 <c>Authentication required.</c>; callers below
    /// <paramref name="minimum"/> (by JWT and by API token) → 403 with the guard's text, even with an invalid body
    /// (authorisation runs before validation); the others get past the guard (no 401/403).
    /// </summary>
    public static async Task AssertRoleGuardAsync(RouteCallers callers, HttpMethod method, string path, UserRole minimum, string? json = null)
    {
        using (var anonymous = await callers.Anonymous.SendJsonAsync(method, path, json))
        {
            await anonymous.AssertErrorAsync(HttpStatusCode.Unauthorized, "Authentication required.");
            Assert.Equal("Bearer", anonymous.Headers.WwwAuthenticate.ToString());
        }

        foreach (var (name, client, role) in callers.Authenticated)
        {
            using var response = await client.SendJsonAsync(method, path, json);
            if (role < minimum)
            {
                var detail = minimum == UserRole.Admin ? "Admin privileges required." : "Operator privileges required.";
                var body = await response.ReadJsonAsync();
                Assert.True(response.StatusCode == HttpStatusCode.Forbidden, $"{name} on {method} {path}: {(int)response.StatusCode} {body}");
                Assert.Equal(detail, body.GetProperty("detail").GetString());
            }
            else
            {
                Assert.True(response.StatusCode is not HttpStatusCode.Unauthorized and not HttpStatusCode.Forbidden,
                    $"{name} on {method} {path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(Ct)}");
            }
        }
    }

    /// <summary>Checks the list conventions: exact keys, default and maximum page size, 422 bounds, a page past the end.</summary>
    public static async Task AssertPaginationAsync(HttpClient client, string path, Func<Task<int>> countInStore)
    {
        using (var first = await client.GetAsync(path + "?_t=123", Ct))
        {
            var body = await first.ReadOkAsync();
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
            Assert.Equal(100, (await max.ReadOkAsync()).GetProperty("page_size").GetInt32());
        }

        using var pastEnd = await client.GetAsync(path + "?page=100000&page_size=100", Ct);
        var past = await pastEnd.ReadOkAsync();
        Assert.Equal(100000, past.GetProperty("page").GetInt32());
        Assert.Empty(past.GetProperty("data").EnumerateArray());
        Assert.Equal(await countInStore(), past.GetProperty("total").GetInt32());
    }

    /// <summary>Sends every malformed body to a write route: each gets a 4xx, never a 5xx, and the host stays healthy.</summary>
    public static async Task AssertMalformedBodiesRefusedAsync(WebMacsTestHost host, HttpClient client, HttpMethod method, string path, params WriteFuzz.Field[] fields)
    {
        var failures = new List<string>();
        foreach (var (description, content) in WriteFuzz.Cases(fields))
        {
            using var request = new HttpRequestMessage(method, path) { Content = content };
            using var response = await client.SendAsync(request, Ct);
            if ((int)response.StatusCode is < 400 or >= 500)
            {
                var text = await response.Content.ReadAsStringAsync(Ct);
                failures.Add($"{description}: {(int)response.StatusCode} {text[..Math.Min(text.Length, 300)]}");
            }
        }

        Assert.True(failures.Count == 0, $"{method} {path} accepted or failed on malformed bodies:\n{string.Join('\n', failures)}");
        using var health = await host.Client.GetAsync("/health", Ct);
        Assert.Equal("ok", (await health.ReadOkAsync()).GetProperty("status").GetString());
    }

    /// <summary>Gets the <c>loc</c> of every validation error as text (e.g. <c>body/name</c>).</summary>
    public static async Task<string[]> ValidationLocationsAsync(this HttpResponseMessage response) =>
        [.. (await response.AssertValidationErrorAsync()).Select(Loc)];
}
