using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using WebMacs.Persistence;

namespace WebMacs.Security;

/// <summary>Hourly, deletes revocations older than the token lifetime (the tokens have expired by then).</summary>
internal sealed partial class BlacklistPurgeService(
    IServiceScopeFactory scopes, IOptions<WebMacsOptions> options, TimeProvider time, ILogger<BlacklistPurgeService> logger) : BackgroundService
{
    private static readonly TimeSpan Interval = TimeSpan.FromHours(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval, time);
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
        {
            try
            {
                await PurgeAsync(stoppingToken).ConfigureAwait(false);
            }
            catch (DbException ex)
            {
                // The next tick tries again; a database outage must not stop the host.
                LogPurgeFailed(logger, ex);
            }
        }
    }

    internal async Task<int> PurgeAsync(CancellationToken cancellationToken)
    {
        var cutoff = time.GetUtcNow().UtcDateTime - TimeSpan.FromMinutes(options.Value.AccessTokenExpireMinutes);
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<WebMacsDbContext>();
        return await db.BlacklistedTokens.Where(b => b.BlacklistedOn < cutoff).ExecuteDeleteAsync(cancellationToken).ConfigureAwait(false);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Purging expired token revocations failed; retrying in an hour.")]
    private static partial void LogPurgeFailed(ILogger logger, Exception exception);
}
