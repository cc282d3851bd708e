using Microsoft.AspNetCore.Http;
using WebMacs.Domain;

namespace WebMacs.AspNetCore.Security;

/// <summary>The authenticated user of a request (loaded fresh from the database) and the credential it used.</summary>
internal sealed record WebMacsCaller(User User, string Credential);

internal static class WebMacsCallerExtensions
{
    private const string Key = "WebMacs.Caller";

    public static void SetWebMacsCaller(this HttpContext context, WebMacsCaller caller) => context.Items[Key] = caller;

    /// <summary>Gets the caller of an endpoint that requires a WebMacs policy.</summary>
    public static WebMacsCaller GetWebMacsCaller(this HttpContext context) =>
        context.Items[Key] as WebMacsCaller
        ?? throw new InvalidOperationException("The endpoint has no WebMacs authorization policy, so it has no caller.");
}
