using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace WebMacs.AspNetCore.Tests;

public sealed class WebMacsEndpointRouteBuilderExtensionsTests
{
    [Fact]
    public async Task MapWebMacs_WithoutAddWebMacs_ThrowsNamingAddWebMacs()
    {
        var builder = WebApplication.CreateBuilder();
        await using var app = builder.Build();

        var error = Assert.Throws<InvalidOperationException>(() => app.MapWebMacs());

        Assert.Contains("AddWebMacs", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MapWebMacs_ReturnedBuilder_AppliesConventionsToEveryWebMacsEndpoint()
    {
        var builder = WebApplication.CreateBuilder();
        builder.Services.AddWebMacs(builder.Configuration).AddSqlite();
        await using var app = builder.Build();
        var marker = new object();

        app.MapWebMacs().WithMetadata(marker);
        app.MapGet("/host-endpoint", () => "host");

        var endpoints = ((IEndpointRouteBuilder)app).DataSources.SelectMany(s => s.Endpoints).OfType<RouteEndpoint>().ToList();
        var patterns = endpoints.GroupBy(e => e.RoutePattern.RawText!).ToDictionary(g => g.Key, g => g.All(e => e.Metadata.Contains(marker)));
        Assert.All(endpoints.Where(e => e.RoutePattern.RawText!.StartsWith("/api/v1", StringComparison.Ordinal)), e => Assert.Contains(marker, e.Metadata));
        Assert.True(patterns["/health"]);
        Assert.True(patterns["/api/v1/auth/login"]);
        Assert.True(patterns["/api/v1/auth/me"]);
        Assert.True(patterns["/api/v1/auth/logout"]);
        Assert.False(patterns["/host-endpoint"]);
    }
}
