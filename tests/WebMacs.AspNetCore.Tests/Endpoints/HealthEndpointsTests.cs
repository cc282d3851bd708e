using System.Net;
using System.Text.Json;
using WebMacs.AspNetCore.Tests.Support;
using static WebMacs.AspNetCore.Tests.Support.Http;

namespace WebMacs.AspNetCore.Tests.Endpoints;

public sealed class HealthEndpointsTests(WebMacsHosts hosts) : IClassFixture<WebMacsHosts>
{
    [Theory]
    [MemberData(nameof(TestStores.All), MemberType = typeof(TestStores))]
    public async Task Health_WithoutCredentials_ReturnsOkWithExactlyTheContractKeys(TestStore store)
    {
        var host = await hosts.GetAsync(store);

        using var response = await host.Client.GetAsync("/health", Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", ContentType(response)?.MediaType);
        var body = await response.ReadJsonAsync();
        Assert.Equal(["database", "last_datapoint", "status", "uptime_seconds", "version"], PropertyNames(body));
        Assert.Equal("ok", body.GetProperty("status").GetString());
        Assert.Equal("ok", body.GetProperty("database").GetString());
        Assert.Equal("2.0.0", body.GetProperty("version").GetString());
        Assert.Equal(JsonValueKind.Null, body.GetProperty("last_datapoint").ValueKind);
        Assert.Equal(JsonValueKind.Number, body.GetProperty("uptime_seconds").ValueKind);
        Assert.True(body.GetProperty("uptime_seconds").GetDouble() >= 0);
    }

    [Theory]
    [MemberData(nameof(TestStores.All), MemberType = typeof(TestStores))]
    public async Task Health_WithInvalidBearerToken_StillReturnsOk(TestStore store)
    {
        var host = await hosts.GetAsync(store);

        using var response = await host.Client.GetWithBearerAsync("/health", "garbage");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("ok", (await response.ReadJsonAsync()).GetProperty("status").GetString());
    }
}
