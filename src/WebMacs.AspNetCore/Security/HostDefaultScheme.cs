using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace WebMacs.AspNetCore.Security;

/// <summary>
/// Keeps a host's only authentication scheme its default. ASP.NET Core uses a host's single scheme as the default
/// when none is named; adding the WebMacs scheme next to it would silently take that default away (a host with
/// <c>AddAuthentication().AddJwtBearer()</c> would find its own <c>[Authorize]</c> endpoints failing). WebMacs
/// endpoints name their scheme explicitly, so they need no default of their own.
/// </summary>
internal sealed class HostDefaultScheme : IPostConfigureOptions<AuthenticationOptions>
{
    public void PostConfigure(string? name, AuthenticationOptions options)
    {
        if (options.DefaultScheme is not null)
        {
            return;
        }

        var hostSchemes = options.Schemes.Where(s => s.Name != WebMacsAuthenticationHandler.SchemeName).Take(2).ToList();
        if (hostSchemes.Count == 1 && options.Schemes.Any(s => s.Name == WebMacsAuthenticationHandler.SchemeName))
        {
            // The default ASP.NET Core would pick if WebMacs were not there.
            options.DefaultScheme = hostSchemes[0].Name;
        }
    }
}
