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
        var tokens = api.MapGroup("/tokens").WithTags("API tokens").RequireAuthorization(WebMacsPolicies.Viewer);

        tokens.MapGet(string.Empty, async (HttpContext context, ApiTokenService service) =>
            {
                var query = new QueryValidator(context.Request);
                var page = query.Page();
                if (!query.IsValid)
                {
                    return query.Result();
                }

                var result = await service.ListAsync(context.GetWebMacsCaller().User, page.Skip, page.PageSize, context.RequestAborted).ConfigureAwait(false);
                return Replies.Json(
                    new Paginated<ApiTokenResponse>(page.Page, page.PageSize, result.Total, [.. result.Items.Select(ApiTokenResponse.From)]),
                    TokensJsonContext.Web.PaginatedApiTokenResponse);
            })
            .WithName("ListApiTokens")
            .Produces<Paginated<ApiTokenResponse>>()
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesValidationProblem(StatusCodes.Status422UnprocessableEntity);

        tokens.MapPost(string.Empty, async (HttpContext context, ApiTokenService service) =>
            {
                var (body, error) = await JsonBody.ReadAsync(context).ConfigureAwait(false);
                if (error is not null)
                {
                    return error;
                }

                using (body)
                {
                    var fields = new BodyValidator(body!.Root);
                    var name = fields.RequiredString("name", 1, 255);
                    var expiresAt = fields.OptionalDateTime("expires_at");
                    if (!fields.IsValid)
                    {
                        return fields.Result();
                    }

                    var created = await service.CreateAsync(context.GetWebMacsCaller().User, name!, expiresAt, context.RequestAborted).ConfigureAwait(false);
                    return created.Map(token => Replies.Json(
                        ApiTokenCreatedResponse.From(token), TokensJsonContext.Web.ApiTokenCreatedResponse, StatusCodes.Status201Created));
                }
            })
            .WithName("CreateApiToken")
            .Accepts<ApiTokenCreateRequest>("application/json")
            .Produces<ApiTokenCreatedResponse>(StatusCodes.Status201Created)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesValidationProblem(StatusCodes.Status422UnprocessableEntity);

        tokens.MapDelete("/{public_id}", async (string public_id, HttpContext context, ApiTokenService service) =>
                (await service.DeleteAsync(context.GetWebMacsCaller().User, public_id, context.RequestAborted).ConfigureAwait(false))
                    .Map(() => Replies.Ok("API token deleted.")))
            .WithName("DeleteApiToken")
            .Produces<StatusResponse>()
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound);
    }
}
