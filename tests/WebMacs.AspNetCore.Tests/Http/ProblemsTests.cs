using System.Net;
using System.Text;
using System.Text.Json;
using WebMacs.AspNetCore.Http;
using WebMacs.AspNetCore.Tests.Support;
using WebMacs.Domain;
using WebMacs.Testing.Hosting;
using static WebMacs.AspNetCore.Tests.Support.Http;

namespace WebMacs.AspNetCore.Tests.Http;

/// <summary>Every WebMacs error is RFC 7807 problem details that keep the original's <c>detail</c>.</summary>
public sealed class ProblemsTests(WebMacsHosts hosts) : IClassFixture<WebMacsHosts>
{
    [Fact]
    public async Task MissingCredentials_IsProblemDetails()
    {
        var host = await hosts.GetAsync(TestStore.Sqlite);

        using var response = await host.Client.GetAsync(MePath, Ct);

        await AssertProblemAsync(response, HttpStatusCode.Unauthorized, JsonValueKind.String);
    }

    [Fact]
    public async Task InvalidToken_IsProblemDetails()
    {
        var host = await hosts.GetAsync(TestStore.Sqlite);

        using var response = await host.Client.GetWithBearerAsync(MePath, "garbage");

        await AssertProblemAsync(response, HttpStatusCode.Unauthorized, JsonValueKind.String);
    }

    [Fact]
    public async Task RefusedLogin_IsProblemDetails()
    {
        var host = await hosts.GetAsync(TestStore.Sqlite);

        using var response = await host.Client.LoginAsync(WebMacsTestHost.AdminEmail, "wrong");

        await AssertProblemAsync(response, HttpStatusCode.Unauthorized, JsonValueKind.String);
    }

    [Fact]
    public async Task MissingRole_IsProblemDetails()
    {
        var host = await hosts.GetAsync(TestStore.Sqlite);
        var viewer = await host.CreateUserAsync(UserRole.Viewer);

        using var response = await host.Client.GetWithBearerAsync(TestEndpoints.Admin, viewer.Token);

        await AssertProblemAsync(response, HttpStatusCode.Forbidden, JsonValueKind.String);
    }

    [Fact]
    public async Task ValidationFailure_IsProblemDetailsWithAListDetail()
    {
        var host = await hosts.GetAsync(TestStore.Sqlite);

        using var response = await host.Client.LoginRawAsync("{}");

        await AssertProblemAsync(response, HttpStatusCode.UnprocessableEntity, JsonValueKind.Array);
    }

    [Fact]
    public async Task BodyTooLarge_IsProblemDetails()
    {
        var host = await hosts.GetAsync(TestStore.Sqlite);

        using var response = await host.Client.LoginRawAsync("\"" + new string('a', JsonBody.DefaultMaxBytes) + "\"");

        await AssertProblemAsync(response, HttpStatusCode.RequestEntityTooLarge, JsonValueKind.String);
    }

    [Fact]
    public async Task ProblemDetails_UseTheReasonPhraseAsTitleAndDifferentTraceIdsPerRequest()
    {
        var host = await hosts.GetAsync(TestStore.Sqlite);

        using var first = await host.Client.GetAsync(MePath, Ct);
        using var second = await host.Client.GetAsync(MePath, Ct);

        var one = await first.ReadJsonAsync();
        var two = await second.ReadJsonAsync();
        Assert.Equal("Unauthorized", one.GetProperty("title").GetString());
        Assert.NotEqual(one.GetProperty("traceId").GetString(), two.GetProperty("traceId").GetString());
    }

    private static async Task AssertProblemAsync(HttpResponseMessage response, HttpStatusCode status, JsonValueKind detailKind)
    {
        var text = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(status == response.StatusCode, $"Expected {(int)status}, got {(int)response.StatusCode}: {text}");
        Assert.Equal("application/problem+json", ContentType(response)?.MediaType);
        Assert.True(ContentType(response)?.CharSet is null or "utf-8", $"Unexpected charset {ContentType(response)?.CharSet}");
        using var document = JsonDocument.Parse(Encoding.UTF8.GetBytes(text));
        var body = document.RootElement;
        Assert.Equal((int)status, body.GetProperty("status").GetInt32());
        Assert.False(string.IsNullOrWhiteSpace(body.GetProperty("title").GetString()));
        Assert.False(string.IsNullOrWhiteSpace(body.GetProperty("type").GetString()));
        Assert.False(string.IsNullOrWhiteSpace(body.GetProperty("traceId").GetString()));
        Assert.Equal(detailKind, body.GetProperty("detail").ValueKind);
    }
}
