using System.Net;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using WebMacs.AspNetCore.Tests.Support;
using WebMacs.Testing.Hosting;

namespace WebMacs.AspNetCore.Tests.Pipeline;

/// <summary>
/// The HTTP edge of reference §3.8–3.11 over real sockets: request ids, security headers, trailing-slash redirects,
/// JSON 404/405 bodies, rate limiting with trusted proxies, CORS and lenient JSON content types.
/// </summary>
public sealed class WebMacsEdgeMiddlewareTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Responses_AnyRoute_CarryAFreshRequestIdAndNeverEchoTheClients()
    {
        await using var host = await WebMacsTestHost.StartAsync(b => b.AddSqlite());
        using var request = new HttpRequestMessage(HttpMethod.Get, "/health");
        request.Headers.Add("X-Request-ID", "abc");

        using var first = await host.Client.SendAsync(request, Ct);
        using var second = await host.Client.GetAsync(new Uri("/api/v1/auth/me", UriKind.Relative), Ct);

        var firstId = Assert.Single(first.Headers.GetValues("x-request-id"));
        var secondId = Assert.Single(second.Headers.GetValues("x-request-id"));
        Assert.True(Guid.TryParse(firstId, out _), firstId);
        Assert.NotEqual("abc", firstId);
        Assert.NotEqual(firstId, secondId);
        Assert.Equal(HttpStatusCode.Unauthorized, second.StatusCode);
    }

    [Fact]
    public async Task Responses_ApiRoute_CarrySecurityAndNoStoreHeaders()
    {
        await using var host = await WebMacsTestHost.StartAsync(b => b.AddSqlite());

        using var response = await host.Client.GetAsync(new Uri("/api/v1/events", UriKind.Relative), Ct);

        Assert.Equal("DENY", Assert.Single(response.Headers.GetValues("X-Frame-Options")));
        Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
        Assert.Equal("strict-origin-when-cross-origin", Assert.Single(response.Headers.GetValues("Referrer-Policy")));
        Assert.Contains("no-store", response.Headers.CacheControl!.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Get_CollectionWithTrailingSlash_Redirects307WithoutTheSlash()
    {
        await using var host = await WebMacsTestHost.StartAsync(b => b.AddSqlite());
        using var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = host.BaseAddress };

        using var response = await client.GetAsync(new Uri("/api/v1/events/?page=2", UriKind.Relative), Ct);

        Assert.Equal(HttpStatusCode.TemporaryRedirect, response.StatusCode);
        Assert.Equal("/api/v1/events?page=2", response.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task Request_UnknownPathOrWrongMethod_AnswersJson404Or405()
    {
        await using var host = await WebMacsTestHost.StartAsync(b => b.AddSqlite());

        using var unknown = await host.Client.GetAsync(new Uri("/api/v1/no-such-thing", UriKind.Relative), Ct);
        using var wrongMethod = await host.Client.PatchAsync(new Uri("/api/v1/events", UriKind.Relative), null, Ct);

        await unknown.AssertErrorAsync(HttpStatusCode.NotFound, "Not Found");
        await wrongMethod.AssertErrorAsync(HttpStatusCode.MethodNotAllowed, "Method Not Allowed");
    }

    [Fact]
    public async Task Requests_OverTheBudgetFromAClientBehindATrustedProxy_Answer429WithRetryAfter()
    {
        await using var host = await WebMacsTestHost.StartAsync(b => b.AddSqlite(), new Dictionary<string, string?>
        {
            ["WebMacs:Http:RateLimitPerMinute"] = "3",
            ["WebMacs:Http:TrustedProxies:0"] = "127.0.0.0/8",
        });

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 4; i++)
        {
            using var response = await SendFromAsync(host, "203.0.113.7", "/api/v1/events");
            statuses.Add(response.StatusCode);
            if (i == 3)
            {
                Assert.Equal("60", response.Headers.RetryAfter!.ToString());
                await response.AssertErrorAsync(HttpStatusCode.TooManyRequests, "Too many requests. Please try again later.");
            }
        }

        Assert.Equal([HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.TooManyRequests], statuses);
        using var otherClient = await SendFromAsync(host, "203.0.113.8", "/api/v1/events");
        using var health = await SendFromAsync(host, "203.0.113.7", "/health");
        using var datapoints = await SendFromAsync(host, "203.0.113.7", "/api/v1/datapoints");
        using var privateClient = await SendFromAsync(host, "10.1.2.3", "/api/v1/events");
        Assert.Equal(HttpStatusCode.Unauthorized, otherClient.StatusCode);
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, datapoints.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, privateClient.StatusCode);
    }

    [Fact]
    public async Task Requests_ForwardedHeaderFromAnUntrustedPeer_AreKeyedByTheSocketAddress()
    {
        await using var host = await WebMacsTestHost.StartAsync(b => b.AddSqlite(), new Dictionary<string, string?>
        {
            ["WebMacs:Http:RateLimitPerMinute"] = "1",
        });

        // Without a trusted proxy the spoofed public address is ignored: the loopback peer is exempt.
        for (var i = 0; i < 3; i++)
        {
            using var response = await SendFromAsync(host, "203.0.113.9", "/api/v1/events");
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        }
    }

    [Fact]
    public async Task Preflight_FromAnAllowedOrigin_IsAnsweredWithCredentials()
    {
        await using var host = await WebMacsTestHost.StartAsync(b => b.AddSqlite(), new Dictionary<string, string?>
        {
            ["CORS_ORIGINS"] = "[\"http://ui.example\"]",
        });

        using var allowed = await PreflightAsync(host, "http://ui.example");
        using var refused = await PreflightAsync(host, "http://evil.example");

        Assert.True(allowed.IsSuccessStatusCode, allowed.StatusCode.ToString());
        Assert.Equal("http://ui.example", Assert.Single(allowed.Headers.GetValues("Access-Control-Allow-Origin")));
        Assert.Equal("true", Assert.Single(allowed.Headers.GetValues("Access-Control-Allow-Credentials")));
        Assert.False(refused.Headers.Contains("Access-Control-Allow-Origin"));
    }

    [Fact]
    public async Task Post_JsonLabelledAsTextOrForm_IsStillReadAsJson()
    {
        await using var host = await WebMacsTestHost.StartAsync(b => b.AddSqlite());
        var body = $"{{\"email\":\"{WebMacsTestHost.AdminEmail}\",\"password\":\"{WebMacsTestHost.AdminPassword}\"}}";

        using var text = await host.Client.PostAsync(new Uri(Support.Http.LoginPath, UriKind.Relative), new StringContent(body, Encoding.UTF8, "text/plain"), Ct);
        using var form = await host.Client.PostAsync(new Uri(Support.Http.LoginPath, UriKind.Relative), new StringContent(body, Encoding.UTF8, "application/x-www-form-urlencoded"), Ct);

        Assert.Equal(HttpStatusCode.OK, text.StatusCode);
        Assert.Equal(HttpStatusCode.OK, form.StatusCode);
    }

    [Fact]
    public async Task Start_TrustedProxyThatIsNotAnAddress_FailsNamingTheSetting()
    {
        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => WebMacsTestHost.StartAsync(b => b.AddSqlite(), new Dictionary<string, string?>
        {
            ["WebMacs:Http:TrustedProxies:0"] = "not-an-address",
        }));

        Assert.Contains("WebMacs:Http:TrustedProxies", error.Message, StringComparison.Ordinal);
    }

    private static Task<HttpResponseMessage> SendFromAsync(WebMacsTestHost host, string forwardedFor, string path)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Add("X-Forwarded-For", forwardedFor);
        return host.Client.SendAsync(request, Ct);
    }

    private static Task<HttpResponseMessage> PreflightAsync(WebMacsTestHost host, string origin)
    {
        var request = new HttpRequestMessage(HttpMethod.Options, "/api/v1/events");
        request.Headers.Add("Origin", origin);
        request.Headers.Add("Access-Control-Request-Method", "POST");
        request.Headers.Add("Access-Control-Request-Headers", "authorization,content-type");
        return host.Client.SendAsync(request, Ct);
    }
}
