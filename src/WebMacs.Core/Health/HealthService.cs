using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using WebMacs.Persistence;

namespace WebMacs.Health;

/// <summary>The body of <c>GET /health</c> (reference §4.3 route 1).</summary>
internal sealed record HealthReport(string Status, string Version, string Database, DateTime? LastDatapoint, double UptimeSeconds);

/// <summary>Checks the database and reports uptime and the newest datapoint; never throws for a database outage.</summary>
internal sealed partial class HealthService(WebMacsDbContext db, UptimeClock uptime, ILogger<HealthService> logger)
{
    public async Task<HealthReport> CheckAsync(CancellationToken cancellationToken)
    {
        var databaseOk = false;
        DateTime? lastDatapoint = null;
        try
        {
            databaseOk = await db.Database.CanConnectAsync(cancellationToken).ConfigureAwait(false);
            if (databaseOk)
            {
                // The newest stored row by key: served by the primary key, so it costs the same on a billion rows.
                lastDatapoint = await db.Datapoints.OrderByDescending(d => d.Id).Select(d => (DateTime?)d.Timestamp)
                    .FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false);
            }
        }
        catch (Exception ex) when (ex is DbException or TimeoutException or InvalidOperationException)
        {
            databaseOk = false;
            LogDatabaseCheckFailed(logger, ex);
        }

        return new HealthReport(
            databaseOk ? "ok" : "degraded",
            StartupInitializer.ApiVersion,
            databaseOk ? "ok" : "error",
            lastDatapoint,
            Math.Round(uptime.Elapsed.TotalSeconds, 1));
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Health check: the database did not answer.")]
    private static partial void LogDatabaseCheckFailed(ILogger logger, Exception exception);
}
