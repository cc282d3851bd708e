using System.Net;
using System.Net.Http.Headers;
using System.Text;
using WebMacs.AspNetCore.Http;
using WebMacs.AspNetCore.Tests.Support;
using static WebMacs.AspNetCore.Tests.Support.Http;

namespace WebMacs.AspNetCore.Tests.Http;

/// <summary>Reading a JSON body, bounded in size and depth, through <c>POST /api/v1/auth/login</c>.</summary>
public sealed class JsonBodyTests(WebMacsHosts hosts) : IClassFixture<WebMacsHosts>
{
    [Theory]
    [InlineData("{\"email\":")]
    [InlineData("{\"email\":\"admin@webmacs.test\",}")]
    [InlineData("not json at all")]
    [InlineData("{'email':'admin@webmacs.test'}")]
    public async Task Login_MalformedJson_Returns422(string json)
    {
        var host = await hosts.GetAsync(TestStore.Sqlite);

        using var response = await host.Client.LoginRawAsync(json);

        var errors = await response.AssertValidationErrorAsync();
        Assert.Equal("json_invalid", errors[0].GetProperty("type").GetString());
        Assert.StartsWith("body/", Loc(errors[0]), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("[]")]
    [InlineData("[{\"email\":\"admin@webmacs.test\",\"password\":\"x\"}]")]
    [InlineData("\"admin@webmacs.test\"")]
    [InlineData("null")]
    public async Task Login_BodyThatIsNotAnObject_Returns422(string json)
    {
        var host = await hosts.GetAsync(TestStore.Sqlite);

        using var response = await host.Client.LoginRawAsync(json);

        var errors = await response.AssertValidationErrorAsync();
        Assert.Equal("body", Loc(errors[0]));
    }

    [Fact]
    public async Task Login_EmptyBody_Returns422()
    {
        var host = await hosts.GetAsync(TestStore.Sqlite);

        using var response = await host.Client.LoginRawAsync(string.Empty);

        await response.AssertValidationErrorAsync();
    }

    [Fact]
    public async Task Login_DeeplyNestedArrays_Returns422()
    {
        var host = await hosts.GetAsync(TestStore.Sqlite);
        var json = new string('[', 1000) + new string(']', 1000);

        using var response = await host.Client.LoginRawAsync(json);

        await response.AssertValidationErrorAsync();
    }

    [Fact]
    public async Task Login_DeeplyNestedValueInsideAField_Returns422()
    {
        var host = await hosts.GetAsync(TestStore.Sqlite);
        var json = "{\"email\":\"admin@webmacs.test\",\"password\":\"x\",\"extra\":" + new string('[', 1000) + new string(']', 1000) + "}";

        using var response = await host.Client.LoginRawAsync(json);

        await response.AssertValidationErrorAsync();
    }

    [Fact]
    public async Task Login_BodyOverTheLimitWithContentLength_Returns413()
    {
        var host = await hosts.GetAsync(TestStore.Sqlite);
        var content = new ByteArrayContent(OversizedBody());
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");

        using var response = await host.Client.PostAsync(LoginPath, content, Ct);

        await AssertTooLargeAsync(response);
    }

    [Fact]
    public async Task Login_BodyOverTheLimitChunked_Returns413()
    {
        var host = await hosts.GetAsync(TestStore.Sqlite);
        var content = new StreamContent(new MemoryStream(OversizedBody()));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        using var request = new HttpRequestMessage(HttpMethod.Post, LoginPath) { Content = content };
        request.Headers.TransferEncodingChunked = true;

        using var response = await host.Client.SendAsync(request, Ct);

        await AssertTooLargeAsync(response);
    }

    [Fact]
    public async Task Login_BodyJustUnderTheLimit_IsRead()
    {
        var host = await hosts.GetAsync(TestStore.Sqlite);
        var prefix = "{\"email\":\"nobody@example.com\",\"password\":\"x\",\"padding\":\"";
        var json = prefix + new string('a', JsonBody.DefaultMaxBytes - prefix.Length - 2) + "\"}";
        Assert.Equal(JsonBody.DefaultMaxBytes, Encoding.UTF8.GetByteCount(json));

        using var response = await host.Client.LoginRawAsync(json);

        await response.AssertErrorAsync(HttpStatusCode.Unauthorized, "Invalid email or password.");
    }

    private static byte[] OversizedBody()
    {
        var prefix = "{\"email\":\"admin@webmacs.test\",\"password\":\"x\",\"padding\":\"";
        return Encoding.UTF8.GetBytes(prefix + new string('a', JsonBody.DefaultMaxBytes) + "\"}");
    }

    private static async Task AssertTooLargeAsync(HttpResponseMessage response)
    {
        var body = await response.ReadJsonAsync();
        Assert.True(response.StatusCode == HttpStatusCode.RequestEntityTooLarge, $"Expected 413, got {(int)response.StatusCode}: {body}");
        Assert.Contains("too large", body.GetProperty("detail").GetString(), StringComparison.OrdinalIgnoreCase);
    }
}
