using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using WebMacs.AspNetCore.Tests.Support;

namespace WebMacs.AspNetCore.Tests;

/// <summary>AddWebMacs registers the WebMacs scheme and policies without taking over the host's authentication defaults.</summary>
public sealed class WebMacsHttpModuleTests
{
    [Fact]
    public async Task AddWebMacs_HostWithoutAuthentication_LeavesTheDefaultSchemeUnset()
    {
        var builder = WebApplication.CreateBuilder();
        builder.Services.AddWebMacs(builder.Configuration).AddSqlite();
        await using var app = builder.Build();

        var schemes = app.Services.GetRequiredService<IAuthenticationSchemeProvider>();
        var options = app.Services.GetRequiredService<IOptions<AuthenticationOptions>>().Value;
        Assert.Null(options.DefaultScheme);
        Assert.Null(options.DefaultAuthenticateScheme);
        Assert.Null(options.DefaultChallengeScheme);
        Assert.Null(await schemes.GetDefaultAuthenticateSchemeAsync());
        Assert.Null(await schemes.GetDefaultChallengeSchemeAsync());
        Assert.Null(await schemes.GetDefaultForbidSchemeAsync());
        Assert.NotNull(await schemes.GetSchemeAsync("WebMacs"));
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
}
