using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using WebMacs.AspNetCore.Tests.Acquisition;
using WebMacs.AspNetCore.Tests.Dashboards;
using WebMacs.AspNetCore.Tests.Plugins;
using WebMacs.AspNetCore.Tests.Support;
using WebMacs.Domain;
using WebMacs.Testing.Hosting;
using WebMacs.Testing.Postgres;

namespace WebMacs.AspNetCore.Tests.Controller;

/// <summary>
/// A real backend (SQLite, or a throwaway PostgreSQL database) that knows <see cref="CountingPlugin"/>, with an admin
/// client and an admin API token.
/// </summary>
internal sealed class Backend : IAsyncDisposable
{
    private readonly StoreLocation? location;

    private Backend(WebMacsTestHost host, HttpClient admin, string token, StoreLocation? location)
    {
        Host = host;
        Admin = admin;
        Token = token;
        this.location = location;
    }

    public WebMacsTestHost Host { get; }

    /// <summary>Gets a client authenticated as the seeded admin (JWT).</summary>
    public HttpClient Admin { get; }

    /// <summary>Gets an admin API token (<c>wm_…</c>) for the controller.</summary>
    public string Token { get; }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>Starts a backend on SQLite in its own data folder.</summary>
    public static async Task<Backend> StartAsync()
    {
        var host = await WebMacsTestHost.StartAsync(b => b.AddSqlite().AddDevicePlugin<CountingPlugin>());
        return new Backend(host, host.CreateClient(await host.LoginAsync()), await host.CreateApiTokenAsync(WebMacsTestHost.AdminEmail), null);
    }

    /// <summary>Starts a backend on <paramref name="store"/> (a database of its own, dropped on dispose); skips the test when PostgreSQL is unavailable.</summary>
    public static async Task<Backend> StartAsync(TestStore store, PostgresServer postgres)
    {
        var location = await StoreLocation.CreateAsync(postgres, store);
        WebMacsTestHost? host = null;
        try
        {
            host = await location.StartHostAsync(b => b.AddDevicePlugin<CountingPlugin>());
            return new Backend(host, host.CreateClient(await host.LoginAsync()), await host.CreateApiTokenAsync(WebMacsTestHost.AdminEmail), location);
        }
        catch
        {
            if (host is not null)
            {
                await host.DisposeAsync();
            }

            await location.DisposeAsync();
            throw;
        }
    }

    /// <summary>Creates a counting instance through <c>POST /api/v1/plugins</c> (linked events are created with it).</summary>
    public async Task<(Guid Id, string Name)> CreateInstanceAsync(bool demoMode = false)
    {
        var name = PluginData.UniqueName("Remote");
        var config = $$"""{"instance_name": "{{name}}", "poll_interval_ms": 20}""";
        using var created = await Admin.PostRawJsonAsync("/api/v1/plugins", JsonSerializer.Serialize(new { plugin_id = "counting", instance_name = name, demo_mode = demoMode, config_json = config }));
        await created.AssertSuccessAsync(HttpStatusCode.Created, "Plugin instance created.");
        return ((await Host.FindInstanceAsync(name))!.PublicId, name);
    }

    /// <summary>Reads an instance through <c>GET /api/v1/plugins/{id}</c>.</summary>
    public async Task<JsonElement> GetInstanceAsync(Guid id)
    {
        using var response = await Admin.GetAsync(new Uri($"/api/v1/plugins/{id}", UriKind.Relative), Ct);
        return await response.ReadOkAsync();
    }

    /// <summary>Reads the stored datapoints of an instance's channel, oldest first.</summary>
    public Task<List<Datapoint>> DatapointsAsync(Guid instanceId, string channelId) =>
        Host.WithDbAsync(db => db.Datapoints.AsNoTracking()
            .Where(d => db.ChannelMappings.Any(m => m.PluginInstance!.PublicId == instanceId && m.ChannelId == channelId && m.EventId == d.EventId))
            .OrderBy(d => d.Id)
            .ToListAsync(Ct));

    public async ValueTask DisposeAsync()
    {
        Admin.Dispose();
        await Host.DisposeAsync();
        if (location is not null)
        {
            await location.DisposeAsync();
        }
    }
}
