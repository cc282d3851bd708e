using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using WebMacs.Domain;
using WebMacs.Persistence;
using WebMacs.Plugins;

namespace WebMacs.Acquisition;

/// <summary>
/// Creates one demo-mode plugin instance (with its auto-created, linked events) when the database has none, so a fresh
/// reference host streams simulated data at once (the original controller's development auto-seed, reference §2.12).
/// </summary>
internal sealed partial class DemoInstanceSeeder(IServiceScopeFactory scopes, string pluginId, string instanceName, ILogger<DemoInstanceSeeder> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<WebMacsDbContext>();
        if (await db.PluginInstances.AnyAsync(cancellationToken).ConfigureAwait(false))
        {
            return;
        }

        var admin = await db.Users.Where(u => u.Role == UserRole.Admin).OrderBy(u => u.Id).FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false);
        if (admin is null)
        {
            return;
        }

        var outcome = await scope.ServiceProvider.GetRequiredService<PluginInstanceService>()
            .CreateAsync(admin, new PluginInstanceDraft(pluginId, instanceName, DemoMode: true, Enabled: true, AutoCreateEvents: true, ConfigJson: null), cancellationToken)
            .ConfigureAwait(false);
        LogSeeded(logger, pluginId, instanceName, outcome.Status);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Information, Message = "Created the demo plugin instance '{InstanceName}' ({PluginId}): {Outcome}.")]
    private static partial void LogSeeded(ILogger logger, string pluginId, string instanceName, Common.OutcomeStatus outcome);
}
