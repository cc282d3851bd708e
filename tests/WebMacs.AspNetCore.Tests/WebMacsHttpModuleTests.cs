using System.Net;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using WebMacs.AspNetCore.Tests.Support;

namespace WebMacs.AspNetCore.Tests;

/// <summary>AddWebMacs registers the WebMacs scheme and policies without taking over the host's authentication defaults.</summary>
public sealed class WebMacsHttpModuleTests(WebMacsHosts hosts) : IClassFixture<WebMacsHosts>
{
    [Fact]
    public async Task AddWebMacs_HostWithoutAuthentication_LeavesTheDefaultSchemesUnset()
    {
        // With no scheme of the host's own, ASP.NET Core's single-scheme rule still makes WebMacs the effective
        // default (IAuthenticationSchemeProvider); only a process-wide AppContext switch could turn that off.
        var builder = WebApplication.CreateBuilder();
        builder.Services.AddWebMacs(builder.Configuration).AddSqlite();
        await using var app = builder.Build();

        var options = app.Services.GetRequiredService<IOptions<AuthenticationOptions>>().Value;
        Assert.Null(options.DefaultScheme);
        Assert.Null(options.DefaultAuthenticateScheme);
        Assert.Null(options.DefaultChallengeScheme);
        Assert.Null(options.DefaultForbidScheme);
        Assert.Null(options.DefaultSignInScheme);
        Assert.NotNull(await app.Services.GetRequiredService<IAuthenticationSchemeProvider>().GetSchemeAsync("WebMacs"));
    }

    [Fact]
    public async Task AddWebMacs_HostWithTwoSchemesAndNoDefault_LeavesTheDefaultUnset()
    {
        var builder = WebApplication.CreateBuilder();
        builder.Services.AddAuthentication()
            .AddScheme<AuthenticationSchemeOptions, HostAuthenticationHandler>(HostAuthenticationHandler.SchemeName, null)
            .AddScheme<AuthenticationSchemeOptions, HostAuthenticationHandler>("SecondHostScheme", null);
        builder.Services.AddWebMacs(builder.Configuration).AddSqlite();
        await using var app = builder.Build();

        var schemes = app.Services.GetRequiredService<IAuthenticationSchemeProvider>();
        Assert.Null(app.Services.GetRequiredService<IOptions<AuthenticationOptions>>().Value.DefaultScheme);
        Assert.Null(await schemes.GetDefaultAuthenticateSchemeAsync());
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task AddWebMacs_HostWithAnExplicitDefaultScheme_KeepsIt(bool webMacsFirst)
    {
        var builder = WebApplication.CreateBuilder();
        if (webMacsFirst)
        {
            builder.Services.AddWebMacs(builder.Configuration).AddSqlite();
        }

        builder.Services.AddAuthentication(HostAuthenticationHandler.SchemeName)
            .AddScheme<AuthenticationSchemeOptions, HostAuthenticationHandler>(HostAuthenticationHandler.SchemeName, null);
        if (!webMacsFirst)
        {
            builder.Services.AddWebMacs(builder.Configuration).AddSqlite();
        }

        await using var app = builder.Build();

        var schemes = app.Services.GetRequiredService<IAuthenticationSchemeProvider>();
        Assert.Equal(HostAuthenticationHandler.SchemeName, (await schemes.GetDefaultAuthenticateSchemeAsync())?.Name);
        Assert.Equal(HostAuthenticationHandler.SchemeName, (await schemes.GetDefaultChallengeSchemeAsync())?.Name);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task AddWebMacs_HostWithOneSchemeAndNoExplicitDefault_KeepsThatSchemeAsTheDefault(bool webMacsFirst)
    {
        // ASP.NET Core uses a host's only scheme as its default; adding the WebMacs scheme must not take that away.
        var builder = WebApplication.CreateBuilder();
        if (webMacsFirst)
        {
            builder.Services.AddWebMacs(builder.Configuration).AddSqlite();
        }

        builder.Services.AddAuthentication()
            .AddScheme<AuthenticationSchemeOptions, HostAuthenticationHandler>(HostAuthenticationHandler.SchemeName, null);
        if (!webMacsFirst)
        {
            builder.Services.AddWebMacs(builder.Configuration).AddSqlite();
        }

        await using var app = builder.Build();

        var schemes = app.Services.GetRequiredService<IAuthenticationSchemeProvider>();
        Assert.Equal(HostAuthenticationHandler.SchemeName, (await schemes.GetDefaultAuthenticateSchemeAsync())?.Name);
        Assert.Equal(HostAuthenticationHandler.SchemeName, (await schemes.GetDefaultChallengeSchemeAsync())?.Name);
    }

    [Fact]
    public async Task AddWebMacs_CalledTwice_RegistersTheSchemeOnce()
    {
        var builder = WebApplication.CreateBuilder();
        builder.Services.AddWebMacs(builder.Configuration).AddSqlite();
        builder.Services.AddWebMacs(builder.Configuration);
        await using var app = builder.Build();

        var all = await app.Services.GetRequiredService<IAuthenticationSchemeProvider>().GetAllSchemesAsync();

        Assert.Single(all, s => s.Name == "WebMacs");
    }

    [Fact]
    public async Task AddWebMacs_HostWithItsOwnSingleScheme_KeepsHostAndWebMacsEndpointsOnTheirOwnSchemes()
    {
        await using var host = await hosts.StartAsync(
            TestStore.Sqlite,
            new Dictionary<string, string?>(),
            configureBuilder: b => b.Services.AddAuthentication()
                .AddScheme<AuthenticationSchemeOptions, HostAuthenticationHandler>(HostAuthenticationHandler.SchemeName, null),
            configureApp: app => app.MapGet("/host/secure", (HttpContext c) => "hello " + c.User.Identity!.Name).RequireAuthorization());

        using var hostAnonymous = await host.Client.GetAsync("/host/secure", Support.Http.Ct);
        using var hostRequest = new HttpRequestMessage(HttpMethod.Get, "/host/secure");
        hostRequest.Headers.Add(HostAuthenticationHandler.UserHeader, "alice");
        using var hostUser = await host.Client.SendAsync(hostRequest, Support.Http.Ct);
        using var webMacsAnonymous = await host.Client.GetAsync(Support.Http.MePath, Support.Http.Ct);

        Assert.Equal(HttpStatusCode.Unauthorized, hostAnonymous.StatusCode);
        Assert.True(hostAnonymous.Headers.Contains(HostAuthenticationHandler.ChallengeHeader));
        Assert.Equal(HttpStatusCode.OK, hostUser.StatusCode);
        Assert.Equal("hello alice", await hostUser.Content.ReadAsStringAsync(Support.Http.Ct));
        await webMacsAnonymous.AssertErrorAsync(HttpStatusCode.Unauthorized, "Authentication required.");
        Assert.False(webMacsAnonymous.Headers.Contains(HostAuthenticationHandler.ChallengeHeader));
        Assert.Equal("Bearer", Assert.Single(webMacsAnonymous.Headers.WwwAuthenticate).ToString());
    }
}
