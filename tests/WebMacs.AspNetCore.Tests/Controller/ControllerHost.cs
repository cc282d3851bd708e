using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using WebMacs.Acquisition;
using WebMacs.AspNetCore.Tests.Acquisition;
using WebMacs.Uplink;

namespace WebMacs.AspNetCore.Tests.Controller;

/// <summary>
/// An edge controller built like samples/ReferenceController, in-process: a Generic Host with
/// <c>AddWebMacs().AddDevicePlugin&lt;CountingPlugin&gt;().AddAcquisition().AddUplink()</c>, no store, its own data folder
/// (the uplink buffer and the last good configuration live there).
/// </summary>
internal sealed class ControllerHost : IAsyncDisposable
{
    private readonly IHost host;
    private readonly bool ownsDirectory;
    private bool stopped;

    private ControllerHost(IHost host, string dataDirectory, bool ownsDirectory)
    {
        this.host = host;
        DataDirectory = dataDirectory;
        this.ownsDirectory = ownsDirectory;
    }

    public string DataDirectory { get; }

    public IServiceProvider Services => host.Services;

    public AcquisitionEngine Engine => host.Services.GetRequiredService<AcquisitionEngine>();

    public RemoteAcquisitionSource Source => host.Services.GetRequiredService<RemoteAcquisitionSource>();

    public TelemetryBuffer Buffer => host.Services.GetRequiredService<TelemetryBuffer>();

    /// <summary>
    /// Starts a controller; <paramref name="dataDirectory"/> reuses the folder of a former one (a restart) and
    /// <paramref name="uplink"/> changes the uplink options after the test defaults.
    /// </summary>
    public static async Task<ControllerHost> StartAsync(Uri backend, string token, string? dataDirectory = null, TimeSpan? syncInterval = null, Action<UplinkOptions>? uplink = null)
    {
        var owns = dataDirectory is null;
        dataDirectory ??= Directory.CreateTempSubdirectory("webmacs-controller-").FullName;
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
        {
            EnvironmentName = "Development",
            ContentRootPath = dataDirectory,
            DisableDefaults = true,
        });
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["WebMacs:DataDirectory"] = dataDirectory });
        builder.Services.AddWebMacs(builder.Configuration)
            .AddDevicePlugin<CountingPlugin>()
            .AddAcquisition(o => o.SyncInterval = syncInterval ?? TimeSpan.FromMilliseconds(200))
            .AddUplink(o =>
            {
                o.BackendUrl = backend;
                o.ApiToken = token;
                o.Source = "test-controller";
                o.BufferDirectory = "uplink";
                o.FlushInterval = TimeSpan.FromMilliseconds(50);
                o.MinReconnectDelay = TimeSpan.FromMilliseconds(100);
                o.MaxReconnectDelay = TimeSpan.FromSeconds(1);
                uplink?.Invoke(o);
            });
        var host = builder.Build();
        try
        {
            await host.StartAsync(TestContext.Current.CancellationToken);
        }
        catch
        {
            host.Dispose();
            throw;
        }

        return new ControllerHost(host, dataDirectory, owns);
    }

    /// <summary>Stops the controller but keeps its data folder (for a restart); <see cref="DisposeAsync"/> deletes it when owned.</summary>
    public async Task StopAsync()
    {
        if (stopped)
        {
            return;
        }

        stopped = true;
        await host.StopAsync(CancellationToken.None);
        if (host is IAsyncDisposable disposable)
        {
            await disposable.DisposeAsync();
        }
        else
        {
            host.Dispose();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        if (ownsDirectory)
        {
            Directory.Delete(DataDirectory, recursive: true);
        }
    }
}
