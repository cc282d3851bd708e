using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace WebMacs.AspNetCore.Tests.Support;

/// <summary>
/// An authentication scheme of the host's own, next to WebMacs: a request with <c>X-Host-User: name</c> is that
/// user; a challenge answers 401 with <c>X-Host-Challenge: yes</c>, so a test can tell whose challenge it got.
/// </summary>
internal sealed class HostAuthenticationHandler(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "HostScheme";
    public const string UserHeader = "X-Host-User";
    public const string ChallengeHeader = "X-Host-Challenge";

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (Request.Headers[UserHeader].ToString() is not { Length: > 0 } name)
        {
            return Task.FromResult(AuthenticateResult.NoResult());
        }

        var identity = new ClaimsIdentity([new Claim(ClaimTypes.Name, name)], SchemeName);
        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName)));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = 401;
        Response.Headers[ChallengeHeader] = "yes";
        return Task.CompletedTask;
    }
}
