using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;
using WebMacs.AspNetCore.Http;
using WebMacs.Domain;
using WebMacs.Security;

namespace WebMacs.AspNetCore.Security;

/// <summary>
/// The WebMacs authentication scheme: <c>Authorization: Bearer</c> with a JWT or a <c>wm_</c> API token, checked in
/// the original's order with its exact error texts (reference §3.1). Written as a scheme of its own rather than on
/// the JwtBearer handler because the contract fixes the check order (revocation before signature) and every message.
/// </summary>
internal sealed class WebMacsAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "WebMacs";
    public const string MissingCredentials = "Authentication required.";
    private const string ErrorKey = "WebMacs.AuthError";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (ReadBearer(Request) is not { } credential)
        {
            return AuthenticateResult.NoResult();
        }

        var auth = Context.RequestServices.GetRequiredService<AuthService>();
        var outcome = await auth.AuthenticateAsync(credential, Context.RequestAborted).ConfigureAwait(false);
        if (outcome.User is not { } user)
        {
            Context.Items[ErrorKey] = outcome.Error;
            return AuthenticateResult.Fail(outcome.Error ?? MissingCredentials);
        }

        Context.SetWebMacsCaller(new WebMacsCaller(user, credential));
        var identity = new ClaimsIdentity(
            [
                new Claim(ClaimTypes.NameIdentifier, user.PublicId.ToString()),
                new Claim(ClaimTypes.Name, user.Username),
                new Claim(ClaimTypes.Role, WireEnum<UserRole>.ToWire(user.Role)),
            ],
            SchemeName);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        if (Context.Items[ErrorKey] is string error)
        {
            return Problems.WriteAsync(Context, StatusCodes.Status401Unauthorized, error);
        }

        Response.Headers[HeaderNames.WWWAuthenticate] = "Bearer";
        return Problems.WriteAsync(Context, StatusCodes.Status401Unauthorized, MissingCredentials);
    }

    /// <summary>Reads the credential of an <c>Authorization: Bearer …</c> header (scheme case-insensitive), or null.</summary>
    internal static string? ReadBearer(HttpRequest request)
    {
        var header = request.Headers.Authorization.ToString();
        const string scheme = "Bearer ";
        if (header.Length <= scheme.Length || !header.StartsWith(scheme, StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        var credential = header[scheme.Length..].Trim();
        return credential.Length == 0 ? null : credential;
    }
}
