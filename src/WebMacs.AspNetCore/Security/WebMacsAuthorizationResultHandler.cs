using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;
using Microsoft.AspNetCore.Http;
using WebMacs.AspNetCore.Http;

namespace WebMacs.AspNetCore.Security;

/// <summary>
/// Answers a failed WebMacs role check with the original's 403 text; every other policy (the host's own) goes to
/// the default handler unchanged.
/// </summary>
internal sealed class WebMacsAuthorizationResultHandler : IAuthorizationMiddlewareResultHandler
{
    private readonly AuthorizationMiddlewareResultHandler fallback = new();

    public async Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult authorizeResult)
    {
        var role = policy.Requirements.OfType<MinimumRoleRequirement>().FirstOrDefault();
        if (role is not null && !authorizeResult.Succeeded && await JsonBody.FindSyntaxErrorAsync(context).ConfigureAwait(false) is { } syntaxError)
        {
            // The original rejects unparseable JSON before it looks at credentials (reference §3.5, check order).
            await syntaxError.ExecuteAsync(context).ConfigureAwait(false);
            return;
        }

        if (role is not null && authorizeResult.Forbidden)
        {
            await Problems.WriteAsync(context, StatusCodes.Status403Forbidden, role.ForbiddenDetail).ConfigureAwait(false);
            return;
        }

        await fallback.HandleAsync(next, context, policy, authorizeResult).ConfigureAwait(false);
    }
}
