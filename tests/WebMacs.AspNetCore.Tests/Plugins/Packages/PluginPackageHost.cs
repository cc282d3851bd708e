using Microsoft.Extensions.DependencyInjection;
using WebMacs.Testing.Hosting;

namespace WebMacs.AspNetCore.Tests.Plugins.Packages;

/// <summary>
/// One SQLite WebMacs host for the package tests, with the default plugin catalogue (so uploaded packages are what it
/// offers) and a package size limit of 256 KiB, small enough to exceed in a test.
/// </summary>
public sealed class PluginPackageHost : IAsyncLifetime
{
    public const long MaxPackageBytes = 256 * 1024;

    private WebMacsTestHost? host;

    public WebMacsTestHost Host => host ?? throw new InvalidOperationException("The host has not started.");

    /// <summary>Gets the folder uploaded packages are stored in.</summary>
    public string PackageDirectory => Path.Combine(Host.DataDirectory, "plugins");

    public async ValueTask InitializeAsync() =>
        host = await WebMacsTestHost.StartAsync(b => b.AddSqlite(), new Dictionary<string, string?>
        {
            ["WebMacs:Plugins:MaxPackageBytes"] = MaxPackageBytes.ToString(System.Globalization.CultureInfo.InvariantCulture),
        });

    public async ValueTask DisposeAsync()
    {
        if (host is not null)
        {
            await host.DisposeAsync();
        }
    }
}
