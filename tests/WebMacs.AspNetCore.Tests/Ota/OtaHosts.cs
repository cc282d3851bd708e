using WebMacs.AspNetCore.Tests.Support;
using WebMacs.Testing.Hosting;
using WebMacs.Testing.Postgres;

namespace WebMacs.AspNetCore.Tests.Ota;

/// <summary>
/// The hosts of one OTA test class: a stub GitHub/download server and, per store, a shared WebMacs host whose OTA
/// options point at the stub (repository <c>acme/webmacs</c>, short timeouts, a 1 MiB bundle limit).
/// </summary>
public sealed class OtaHosts(PostgresServer postgres) : IAsyncLifetime
{
    public const string Repo = "acme/webmacs";
    public const string ReleasePath = "/repos/acme/webmacs/releases/latest";
    public const long MaxBundleBytes = 1024 * 1024;

    private readonly WebMacsHosts hosts = new(postgres);
    private readonly Dictionary<TestStore, WebMacsTestHost> shared = [];
    private readonly SemaphoreSlim gate = new(1, 1);
    private StubServer? stub;

    /// <summary>Gets the stub server the hosts use for GitHub and downloads.</summary>
    internal StubServer Stub => stub ?? throw new InvalidOperationException("Not initialized.");

    public async Task<WebMacsTestHost> GetAsync(TestStore store)
    {
        await gate.WaitAsync(TestContext.Current.CancellationToken);
        try
        {
            if (!shared.TryGetValue(store, out var host))
            {
                host = await hosts.StartAsync(store, Settings(Stub.BaseAddress));
                shared[store] = host;
            }

            return host;
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>Starts a dedicated host with these OTA settings plus <paramref name="extra"/>; the caller disposes it.</summary>
    public Task<WebMacsTestHost> StartAsync(TestStore store, Uri gitHub, IReadOnlyDictionary<string, string?>? extra = null)
    {
        var settings = Settings(gitHub);
        foreach (var (key, value) in extra ?? new Dictionary<string, string?>())
        {
            settings[key] = value;
        }

        return hosts.StartAsync(store, settings);
    }

    public async ValueTask InitializeAsync() => stub = await StubServer.StartAsync();

    public async ValueTask DisposeAsync()
    {
        foreach (var host in shared.Values)
        {
            await host.DisposeAsync();
        }

        await hosts.DisposeAsync();
        if (stub is not null)
        {
            await stub.DisposeAsync();
        }

        gate.Dispose();
    }

    private static Dictionary<string, string?> Settings(Uri gitHub) => new()
    {
        ["WebMacs:Ota:GitHubApiUrl"] = gitHub.ToString(),
        ["WebMacs:Ota:GitHubRepo"] = Repo,
        ["WebMacs:Ota:GitHubTimeout"] = "00:00:03",
        ["WebMacs:Ota:DownloadTimeout"] = "00:00:03",
        ["WebMacs:Ota:MaxBundleBytes"] = MaxBundleBytes.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };
}
