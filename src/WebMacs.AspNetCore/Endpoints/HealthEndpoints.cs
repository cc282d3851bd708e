using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using WebMacs.AspNetCore.Http;
using WebMacs.Health;

namespace WebMacs.AspNetCore.Endpoints;

/// <summary><c>GET /health</c> (reference §4.3 route 1): public, always 200, <c>degraded</c> when the database is down.</summary>
internal static class HealthEndpoints
{
    public static void Map(IEndpointRouteBuilder routes)
    {
        routes.MapGet("/health", async (HealthService health, CancellationToken cancellationToken) =>
            {
                var report = await health.CheckAsync(cancellationToken).ConfigureAwait(false);
                return TypedResults.Json(
                    new HealthResponse(report.Status, report.Version, report.Database, report.LastDatapoint, report.UptimeSeconds),
                    WebMacsJsonContext.Web.HealthResponse);
            })
            .WithName("Health")
            .WithTags("Health")
            .AllowAnonymous()
            .Produces<HealthResponse>();
    }
}
