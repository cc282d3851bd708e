using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using WebMacs.Persistence;

namespace WebMacs.Plugins;

/// <summary>
/// Loads the uploaded plugin packages recorded in the database when the host starts: in <c>StartAsync</c>, so after
/// the database start-up work (which runs in <c>StartingAsync</c>) and before the server takes requests. A host without
/// storage (an edge controller) has no package records and skips this.
/// </summary>
internal sealed class PluginPackageStartupService(IServiceScopeFactory scopes) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var scope = scopes.CreateAsyncScope();
        await using (scope.ConfigureAwait(false))
        {
            if (scope.ServiceProvider.GetService<IStorageProvider>() is null)
            {
                return;
            }

            await scope.ServiceProvider.GetRequiredService<PluginPackageService>().LoadInstalledAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
