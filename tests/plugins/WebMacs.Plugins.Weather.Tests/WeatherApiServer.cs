using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace WebMacs.Plugins.Weather.Tests;

/// <summary>
/// A real Kestrel server on 127.0.0.1 (random port) answering <c>/{scenario}/v1/forecast</c> with canned weather
/// JSON: <c>ok</c>, <c>partial</c> (some fields null or missing), <c>error</c> (500), <c>malformed</c> (not JSON) and
/// <c>slow</c> (answers after 30 s unless the client gives up). It counts requests and keeps the query strings.
/// </summary>
public sealed class WeatherApiServer : IAsyncLifetime
{
    public const string OkBody = """
        {"latitude": 52.52, "longitude": 13.42, "current_units": {"temperature_2m": "°C", "relative_humidity_2m": "%", "wind_speed_10m": "km/h", "pressure_msl": "hPa", "precipitation": "mm"},
         "current": {"time": "2026-11-29T05:00", "interval": 900, "temperature_2m": 7.4, "relative_humidity_2m": 81, "wind_speed_10m": 14.3, "pressure_msl": 1016.2, "precipitation": 0.3}}
        """;

    private const string PartialBody = """{"current": {"temperature_2m": -3.5, "relative_humidity_2m": null, "wind_speed_10m": 0, "pressure_msl": 998.1}}""";

    private readonly ConcurrentDictionary<string, int> counts = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<string> queries = new();
    private WebApplication? app;

    public Uri BaseAddress { get; private set; } = null!;

    public IReadOnlyCollection<string> Queries => [.. queries];

    /// <summary>Gets the base URL of a scenario (what the plugin's <c>base_url</c> is set to).</summary>
    public string UrlOf(string scenario) => new Uri(BaseAddress, scenario + "/").ToString();

    public int CountOf(string scenario) => counts.GetValueOrDefault(scenario);

    public async ValueTask InitializeAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        app = builder.Build();
        app.MapGet("/{scenario}/v1/forecast", async (string scenario, HttpContext context) =>
        {
            counts.AddOrUpdate(scenario, 1, (_, n) => n + 1);
            queries.Enqueue(scenario + context.Request.QueryString.Value);
            switch (scenario)
            {
                case "ok":
                    return Results.Text(OkBody, "application/json");
                case "partial":
                    return Results.Text(PartialBody, "application/json");
                case "error":
                    return Results.StatusCode(StatusCodes.Status500InternalServerError);
                case "malformed":
                    return Results.Text("""{"current": {"temperature_2m": 7.4,""", "application/json");
                case "slow":
                    await Task.Delay(TimeSpan.FromSeconds(30), context.RequestAborted).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
                    return Results.Text(OkBody, "application/json");
                default:
                    return Results.NotFound();
            }
        });
        await app.StartAsync(TestContext.Current.CancellationToken);
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        BaseAddress = new Uri(address.EndsWith('/') ? address : address + "/");
    }

    public async ValueTask DisposeAsync()
    {
        if (app is not null)
        {
            await app.DisposeAsync();
        }
    }
}
