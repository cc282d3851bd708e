using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using WebMacs.AspNetCore.Endpoints;

namespace Microsoft.AspNetCore.Builder;

/// <summary>Maps WebMacs into an ASP.NET Core application.</summary>
public static class WebMacsEndpointRouteBuilderExtensions
{
    /// <summary>
    /// Maps the WebMacs endpoints: <c>GET /health</c> and the REST API under <c>/api/v1</c> and the WebSockets under <c>/ws</c>. Returns the group that
    /// holds them, so the host can add conventions (CORS policies, rate limiting, metadata) to all of them.
    /// </summary>
    /// <param name="endpoints">The application or route group to map into.</param>
    /// <returns>A builder for conventions that apply to every WebMacs endpoint.</returns>
    /// <exception cref="InvalidOperationException"><c>services.AddWebMacs(...)</c> was not called.</exception>
    public static IEndpointConventionBuilder MapWebMacs(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        if (endpoints.ServiceProvider.GetService<WebMacsBuilder>() is null)
        {
            throw new InvalidOperationException(
                "MapWebMacs() needs the WebMacs services: call builder.Services.AddWebMacs(builder.Configuration) (and a storage such as .AddSqlite()) before building the app.");
        }

        var root = endpoints.MapGroup(string.Empty);
        HealthEndpoints.Map(root);
        var api = root.MapGroup("/api/v1");
        AuthEndpoints.Map(api);
        SsoEndpoints.Map(api);
        UsersEndpoints.Map(api);
        OtaEndpoints.Map(api);
        DashboardsEndpoints.Map(api);
        PluginsEndpoints.Map(api);
        TokensEndpoints.Map(api);
        EventsEndpoints.Map(api);
        ExperimentsEndpoints.Map(api);
        LoggingEndpoints.Map(api);
        DatapointsEndpoints.Map(api);
        WebhooksEndpoints.Map(api);
        RulesEndpoints.Map(api);
        WebMacs.AspNetCore.WebSockets.WebSocketEndpoints.Map(root);
        return root;
    }
}
