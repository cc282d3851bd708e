using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace WebMacs.AspNetCore.Pipeline;

/// <summary>
/// Puts the WebMacs edge middleware and CORS at the very start of the host's pipeline (before routing and
/// authentication), so rate limiting and request ids also cover 401/403/404 answers, without the host adding
/// middleware by hand.
/// </summary>
internal sealed class WebMacsStartupFilter : IStartupFilter
{
    public const string CorsPolicy = "WebMacs";

    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.UseMiddleware<WebMacsEdgeMiddleware>();
        var options = app.ApplicationServices.GetRequiredService<IOptions<WebMacsHttpOptions>>().Value;
        if (options.CorsOrigins.Count > 0)
        {
            app.UseWhen(c => WebMacsPaths.IsWebMacs(c.Request.Path), branch => branch.UseCors(CorsPolicy));
        }

        app.UseWebSockets();
        next(app);
    };
}
