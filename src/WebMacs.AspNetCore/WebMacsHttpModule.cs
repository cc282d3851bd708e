using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.AspNetCore.Cors.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Options;
using WebMacs.AspNetCore.Pipeline;
using WebMacs.AspNetCore.Security;

namespace WebMacs.AspNetCore;

/// <summary>
/// Registers the HTTP side of WebMacs (authentication scheme, role policies) when <c>AddWebMacs()</c> runs in an
/// application that references this package, so <c>MapWebMacs()</c> needs no registration call of its own.
/// The host's default authentication scheme is left alone: WebMacs endpoints name their scheme explicitly.
/// </summary>
internal sealed class WebMacsHttpModule : IWebMacsModule
{
    public void Register(IWebMacsBuilder builder)
    {
        var services = builder.Services;
        services.AddAuthentication().AddScheme<AuthenticationSchemeOptions, WebMacsAuthenticationHandler>(WebMacsAuthenticationHandler.SchemeName, null);
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IPostConfigureOptions<AuthenticationOptions>, HostDefaultScheme>());
        services.AddAuthorization(WebMacsPolicies.Add);

        services.AddOptions<WebMacsHttpOptions>().ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IConfigureOptions<WebMacsHttpOptions>, WebMacsHttpOptionsSetup>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<WebMacsHttpOptions>, WebMacsHttpOptionsValidator>());
        services.TryAddEnumerable(ServiceDescriptor.Transient<IStartupFilter, WebMacsStartupFilter>());
        WebSockets.WebSocketRegistration.AddWebMacsWebSockets(services, builder.Configuration);
        services.AddCors();
        services.AddOptions<CorsOptions>().Configure<IOptions<WebMacsHttpOptions>>((cors, http) =>
            cors.AddPolicy(WebMacsStartupFilter.CorsPolicy, policy => policy
                .WithOrigins([.. http.Value.CorsOrigins])
                .AllowCredentials()
                .AllowAnyMethod()
                .AllowAnyHeader()
                .SetPreflightMaxAge(TimeSpan.FromMinutes(10))));

        var existing = services.LastOrDefault(d => d.ServiceType == typeof(IAuthorizationMiddlewareResultHandler));
        if (existing is null || existing.ImplementationType == typeof(AuthorizationMiddlewareResultHandler))
        {
            services.Replace(ServiceDescriptor.Singleton<IAuthorizationMiddlewareResultHandler, WebMacsAuthorizationResultHandler>());
        }
    }
}
