using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using WebMacs.Health;

namespace WebMacs.Persistence;

/// <summary>
/// Runs <see cref="StartupInitializer"/> in the host's "starting" phase, before any hosted service (Kestrel
/// included) starts, so no request ever meets an unmigrated database.
/// </summary>
internal sealed class WebMacsStartupService(IServiceScopeFactory scopes, UptimeClock uptime) : IHostedLifecycleService
{
    public async Task StartingAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();

        // Without a store there is no WebMacsDbContext, so StartupInitializer cannot even be created: name what is missing.
        if (scope.ServiceProvider.GetService<IStorageProvider>() is null)
        {
            // An edge controller (AddUplink) keeps nothing locally but its on-disk telemetry buffer.
            if (scope.ServiceProvider.GetService<Uplink.UplinkClient>() is not null)
            {
                return;
            }

            throw new WebMacsStartupException(StartupInitializer.NoStorageMessage);
        }

        await scope.ServiceProvider.GetRequiredService<StartupInitializer>().RunAsync(cancellationToken).ConfigureAwait(false);
        uptime.Reset();
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
