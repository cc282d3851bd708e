using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using WebMacs.AspNetCore.Http;
using WebMacs.AspNetCore.Security;
using WebMacs.Tokens;

namespace WebMacs.AspNetCore.Endpoints;

/// <summary>API token management (reference §3.6, §4.3 routes 14–16; any authenticated user, for themselves).</summary>
internal static class TokensEndpoints
{
    public static void Map(IEndpointRouteBuilder api)
    {
        var tokens = api.MapGroup("/tokens").WithTags("API tokens").ForViewers();

        tokens.MapGet(string.Empty, (HttpContext context, ApiTokenService service) =>
                context.PageAsync((page, ct) => service.ListAsync(context.GetWebMacsCaller().User, page.Skip, page.PageSize, ct), ApiTokenResponse.From,
                    WebMacsJsonContext.Web.PaginatedApiTokenResponse))
            .WithName("ListApiTokens")
            .ProducesPage<ApiTokenResponse>();

        tokens.MapPost(string.Empty, (HttpContext context, ApiTokenService service) =>
                context.WithBodyAsync(
                    fields => (Name: fields.RequiredString("name", 1, 255), ExpiresAt: fields.OptionalDateTime("expires_at")),
                    async body => (await service.CreateAsync(context.GetWebMacsCaller().User, body.Name!, body.ExpiresAt, context.RequestAborted).ConfigureAwait(false))
                        .Map(token => Replies.Json(ApiTokenCreatedResponse.From(token), WebMacsJsonContext.Web.ApiTokenCreatedResponse, StatusCodes.Status201Created))))
            .WithName("CreateApiToken")
            .WithJsonBody<ApiTokenCreateRequest>()
            .Produces<ApiTokenCreatedResponse>(StatusCodes.Status201Created);

        tokens.MapDelete("/{public_id}", async (string public_id, HttpContext context, ApiTokenService service) =>
                (await service.DeleteAsync(context.GetWebMacsCaller().User, public_id, context.RequestAborted).ConfigureAwait(false))
                    .Map(() => Replies.Ok("API token deleted.")))
            .WithName("DeleteApiToken")
            .Produces<StatusResponse>()
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound);
    }
}
