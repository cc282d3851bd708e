using System.Net;
using WebMacs.AspNetCore.Tests.Support;
using WebMacs.Testing.Hosting;

namespace WebMacs.AspNetCore.Tests.Http;

/// <summary>Field validation in the original's 422 format, through <c>POST /api/v1/auth/login</c>.</summary>
public sealed class BodyValidatorTests(WebMacsHosts hosts) : IClassFixture<WebMacsHosts>
{
    [Fact]
    public async Task Login_EmptyObject_Returns422ForEmailAndPassword()
    {
        var host = await hosts.GetAsync(TestStore.Sqlite);

        using var response = await host.Client.LoginRawAsync("{}");

        var errors = await response.AssertValidationErrorAsync();
        var locations = errors.Select(Support.Http.Loc).ToArray();
        Assert.Contains("body/email", locations);
        Assert.Contains("body/password", locations);
        Assert.All(errors, e => Assert.Equal("missing", e.GetProperty("type").GetString()));
        Assert.All(errors, e => Assert.Equal("Field required", e.GetProperty("msg").GetString()));
    }

    [Theory]
    [InlineData("not-an-email")]
    [InlineData("@webmacs.test")]
    [InlineData("admin@")]
    [InlineData("a@b@webmacs.test")]
    [InlineData("")]
    public async Task Login_InvalidEmail_Returns422ForEmail(string email)
    {
        var host = await hosts.GetAsync(TestStore.Sqlite);

        using var response = await host.Client.LoginAsync(email, WebMacsTestHost.AdminPassword);

        var errors = await response.AssertValidationErrorAsync();
        Assert.Equal("body/email", Support.Http.Loc(Assert.Single(errors)));
    }

    [Fact]
    public async Task Login_EmptyPassword_Returns422ForPassword()
    {
        var host = await hosts.GetAsync(TestStore.Sqlite);

        using var response = await host.Client.LoginAsync(WebMacsTestHost.AdminEmail, string.Empty);

        var error = Assert.Single(await response.AssertValidationErrorAsync());
        Assert.Equal("body/password", Support.Http.Loc(error));
        Assert.Equal("string_too_short", error.GetProperty("type").GetString());
    }

    [Theory]
    [InlineData("{\"email\":\"admin@webmacs.test\",\"password\":123}")]
    [InlineData("{\"email\":\"admin@webmacs.test\",\"password\":null}")]
    [InlineData("{\"email\":\"admin@webmacs.test\",\"password\":[\"x\"]}")]
    public async Task Login_PasswordThatIsNotAString_Returns422ForPassword(string json)
    {
        var host = await hosts.GetAsync(TestStore.Sqlite);

        using var response = await host.Client.LoginRawAsync(json);

        Assert.Equal("body/password", Support.Http.Loc(Assert.Single(await response.AssertValidationErrorAsync())));
    }

    [Theory]
    [InlineData("{\"email\":\"admin@webmacs.test\",\"password\":\"Admin\\u0000-Password-1\"}", "body/password")]
    [InlineData("{\"email\":\"adm\\u0000in@webmacs.test\",\"password\":\"Admin-Password-1\"}", "body/email")]
    public async Task Login_NulCharacterInAString_Returns422(string json, string loc)
    {
        var host = await hosts.GetAsync(TestStore.Sqlite);

        using var response = await host.Client.LoginRawAsync(json);

        Assert.Equal(loc, Support.Http.Loc(Assert.Single(await response.AssertValidationErrorAsync())));
    }

    [Theory]
    [InlineData("{\"email\":\"admin@webmacs.test\",\"password\":\"\\ud800\"}", "body/password")]
    [InlineData("{\"email\":\"admin@webmacs.test\",\"password\":\"x\\udc00y\"}", "body/password")]
    [InlineData("{\"email\":\"adm\\ud800in@webmacs.test\",\"password\":\"x\"}", "body/email")]
    public async Task Login_LoneSurrogateEscapeInAString_Returns422(string json, string loc)
    {
        var host = await hosts.GetAsync(TestStore.Sqlite);

        using var response = await host.Client.LoginRawAsync(json);

        Assert.Equal(loc, Support.Http.Loc(Assert.Single(await response.AssertValidationErrorAsync())));
    }

    [Fact]
    public async Task Login_UnknownExtraFields_AreIgnored()
    {
        var host = await hosts.GetAsync(TestStore.Sqlite);

        using var response = await host.Client.LoginRawAsync(
            "{\"email\":\"admin@webmacs.test\",\"password\":\"Admin-Password-1\",\"remember\":true,\"_t\":1}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}
