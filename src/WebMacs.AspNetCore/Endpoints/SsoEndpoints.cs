using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using WebMacs.AspNetCore.Http;

namespace WebMacs.AspNetCore.Endpoints;

/// <summary>
/// The OIDC single sign-on routes (reference §3.7, routes 5–8) as the original answers them with SSO disabled:
/// WebMacs does not sign in through an identity provider yet, so <c>/config</c> reports it disabled, <c>/authorize</c>
/// and <c>/callback</c> answer 404 <c>SSO is not enabled.</c> and <c>/exchange</c> knows no code.
/// </summary>
internal static class SsoEndpoints
{
    private const string NotEnabled = "SSO is not enabled.";

    public static void Map(IEndpointRouteBuilder api)
    {
        var sso = api.MapGroup("/auth/sso").WithTags("SSO").AllowAnonymous();

        sso.MapGet("/config", () => Replies.Json(new SsoConfigResponse(false, string.Empty, string.Empty), WebMacsJsonContext.Web.SsoConfigResponse))
            .WithName("SsoConfig")
            .Produces<SsoConfigResponse>();

        sso.MapGet("/authorize", () => Problems.Result(StatusCodes.Status404NotFound, NotEnabled))
            .WithName("SsoAuthorize")
            .ProducesProblem(StatusCodes.Status404NotFound);

        sso.MapGet("/callback", (HttpContext context) =>
            {
                // Both parameters are required even when SSO is off (the original validates the query first).
                var query = new QueryValidator(context.Request);
                query.RequiredString("code");
                query.RequiredString("state");
                return query.IsValid ? Problems.Result(StatusCodes.Status404NotFound, NotEnabled) : query.Result();
            })
            .WithName("SsoCallback")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);

        // The explicit return type keeps this a route handler: as a RequestDelegate its IResult would be discarded.
        sso.MapPost("/exchange", Task<IResult> (HttpContext context) =>
                context.WithBodyAsync(
                    fields => fields.RequiredString("code"),
                    _ => Task.FromResult(Problems.Result(StatusCodes.Status400BadRequest, "Invalid or expired SSO authorization code."))))
            .WithName("SsoExchange")
            .Accepts<SsoExchangeRequest>("application/json")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);
    }
}

/// <summary>The body of <c>GET /auth/sso/config</c>.</summary>
internal sealed record SsoConfigResponse(bool Enabled, string ProviderName, string AuthorizeUrl);

/// <summary>The body of <c>POST /auth/sso/exchange</c>.</summary>
internal sealed record SsoExchangeRequest(string Code);

