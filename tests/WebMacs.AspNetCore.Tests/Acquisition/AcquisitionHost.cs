using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using WebMacs.Acquisition;
using WebMacs.AspNetCore.Tests.Dashboards;
using WebMacs.AspNetCore.Tests.Plugins;
using WebMacs.AspNetCore.Tests.Support;
using WebMacs.Domain;
using WebMacs.Testing.Hosting;
using WebMacs.Testing.Postgres;

namespace WebMacs.AspNetCore.Tests.Acquisition;

/// <summary>
/// A real host (SQLite, or a throwaway PostgreSQL database) with <see cref="CountingPlugin"/> and the acquisition
/// engine syncing every 100 ms.
/// </summary>
internal sealed class AcquisitionHost : IAsyncDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);
    private readonly StoreLocation? location;
    private HttpClient? client;

    private AcquisitionHost(WebMacsTestHost host, StoreLocation? location = null)
    {
        Host = host;
        this.location = location;
    }

    public WebMacsTestHost Host { get; }

    public AcquisitionEngine Engine => Host.Services.GetRequiredService<AcquisitionEngine>();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>Starts a host on SQLite in its own data folder.</summary>
    public static async Task<AcquisitionHost> StartAsync() =>
        new(await WebMacsTestHost.StartAsync(b => Features(b.AddSqlite())));

    /// <summary>Starts a host on <paramref name="store"/> (a database of its own, dropped on dispose); skips the test when PostgreSQL is unavailable.</summary>
    public static async Task<AcquisitionHost> StartAsync(TestStore store, PostgresServer postgres)
    {
        var location = await StoreLocation.CreateAsync(postgres, store);
        try
        {
            return new(await location.StartHostAsync(b => Features(b)), location);
        }
        catch
        {
            await location.DisposeAsync();
            throw;
        }
    }

    /// <summary>Creates an instance of the counting plugin through the API (channels and events are created with it) and returns its public id.</summary>
    public async Task<(Guid Id, string Name)> CreateInstanceAsync(string settings = "", bool demoMode = false)
    {
        client ??= Host.CreateClient(await Host.LoginAsync());
        var name = PluginData.UniqueName("Counting");
        var config = $$"""{"instance_name": "{{name}}", "poll_interval_ms": 20{{settings}}}""";
        using var created = await client.PostRawJsonAsync("/api/v1/plugins", JsonSerializer.Serialize(new { plugin_id = "counting", instance_name = name, demo_mode = demoMode, config_json = config }));
        await created.AssertSuccessAsync(HttpStatusCode.Created, "Plugin instance created.");
        var instance = await Host.FindInstanceAsync(name);
        return (instance!.PublicId, name);
    }

    public async Task DisableAsync(Guid instanceId)
    {
        using var response = await client!.SendJsonAsync(HttpMethod.Put, $"/api/v1/plugins/{instanceId}", """{"enabled": false}""");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    /// <summary>Reads the datapoints of an instance's channel, oldest first.</summary>
    public Task<List<Datapoint>> DatapointsAsync(Guid instanceId, string channelId) =>
        Host.WithDbAsync(db => db.Datapoints.AsNoTracking()
            .Where(d => db.ChannelMappings.Any(m => m.PluginInstance!.PublicId == instanceId && m.ChannelId == channelId && m.EventId == d.EventId))
            .OrderBy(d => d.Id)
            .ToListAsync(Ct));

    public Task<PluginInstance?> InstanceAsync(Guid instanceId) => Host.FindInstanceAsync(instanceId);

    /// <summary>Waits until <paramref name="condition"/> holds; fails after a generous time (not a timing assertion).</summary>
    public static async Task WaitUntilAsync(Func<Task<bool>> condition, string what)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"Gave up waiting until {what}.");
            await Task.Delay(20, Ct);
        }
    }

    public static CountingPlugin PluginOf(string name)
    {
        Assert.True(CountingPlugin.ByName.TryGetValue(name, out var plugin), $"No plugin configured for {name}.");
        return plugin;
    }

    public async ValueTask DisposeAsync()
    {
        client?.Dispose();
        await Host.DisposeAsync();
        if (location is not null)
        {
            await location.DisposeAsync();
        }
    }

    private static IWebMacsBuilder Features(IWebMacsBuilder builder) =>
        builder.AddDevicePlugin<CountingPlugin>().AddAcquisition(o => o.SyncInterval = TimeSpan.FromMilliseconds(100));
}
