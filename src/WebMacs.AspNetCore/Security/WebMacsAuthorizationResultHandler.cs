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

    public Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult authorizeResult)
    {
        if (authorizeResult.Forbidden && policy.Requirements.OfType<MinimumRoleRequirement>().FirstOrDefault() is { } role)
        {
            return Problems.WriteAsync(context, StatusCodes.Status403Forbidden, role.ForbiddenDetail);
        }

        return fallback.HandleAsync(next, context, policy, authorizeResult);
    }
}
