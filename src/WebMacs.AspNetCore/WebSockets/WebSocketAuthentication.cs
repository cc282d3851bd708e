using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using WebMacs.Domain;
using WebMacs.Security;

namespace WebMacs.AspNetCore.WebSockets;

/// <summary>
/// Authenticates a WebSocket by its <c>?token=</c> (reference §5.1) with the REST rules of <see cref="AuthService"/>,
/// and maps the outcome to the close reasons of the WebSocket contract.
/// </summary>
internal static class WebSocketAuthentication
{
    public static async Task<(User? User, string? Reason)> AuthenticateAsync(HttpContext context)
    {
        var token = context.Request.Query["token"].ToString();
        if (string.IsNullOrEmpty(token))
        {
            return (null, "Authentication required");
        }

        await using var scope = context.RequestServices.CreateAsyncScope();
        var auth = scope.ServiceProvider.GetRequiredService<AuthService>();
        var outcome = await auth.AuthenticateAsync(token, context.RequestAborted).ConfigureAwait(false);
        if (outcome.User is { } user)
        {
            return (user, null);
        }

        // On WebSockets the original decodes a JWT before it looks at the blacklist: a revoked token that is also
        // invalid or expired reports "Invalid or expired token" there.
        if (outcome.Error == "Token has been revoked."
            && await scope.ServiceProvider.GetRequiredService<AccessTokenService>().ValidateAsync(token).ConfigureAwait(false) is null)
        {
            return (null, "Invalid or expired token");
        }

        return (null, outcome.Error switch
        {
            "API token has expired." => "API token expired",
            "Token owner not found." => "User not found",
            { } error => error.TrimEnd('.'),
            null => "Authentication required",
        });
    }
}
