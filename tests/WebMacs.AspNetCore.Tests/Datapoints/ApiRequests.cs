using System.Net;
using System.Text;
using WebMacs.Testing.Hosting;
using static WebMacs.AspNetCore.Tests.Support.Http;

namespace WebMacs.AspNetCore.Tests.Datapoints;

/// <summary>Sends one request as a given credential and checks the status (and the error text) for RBAC matrices.</summary>
internal static class ApiRequests
{
    /// <summary>Sends <paramref name="body"/> (JSON, optional) with <paramref name="token"/> as bearer (none when null).</summary>
    public static async Task AssertAsync(WebMacsTestHost host, string? token, HttpMethod method, string path, string? body, HttpStatusCode expected, string? detail)
    {
        using var client = token is null ? new HttpClient { BaseAddress = host.BaseAddress } : host.CreateClient(token);
        using var request = new HttpRequestMessage(method, path);
        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8, "application/json");
        }

        using var response = await client.SendAsync(request, Ct);
        var text = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(expected == response.StatusCode, $"{method} {path} as {(token is null ? "anonymous" : token[..Math.Min(12, token.Length)])}: expected {(int)expected}, got {(int)response.StatusCode}: {text}");
        if (detail is not null)
        {
            Assert.Equal(detail, (await response.ReadJsonAsync()).GetProperty("detail").GetString());
        }
    }
}
