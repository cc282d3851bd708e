using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using WebMacs.AspNetCore.Http;
using WebMacs.AspNetCore.Security;
using WebMacs.Domain;
using WebMacs.Users;

namespace WebMacs.AspNetCore.Endpoints;

/// <summary>User administration (reference §4.3 routes 9–13).</summary>
internal static class UsersEndpoints
{
    public static void Map(IEndpointRouteBuilder api)
    {
        var users = api.MapGroup("/users").WithTags("Users");

        users.MapGet(string.Empty, async (HttpContext context, UserService service) =>
            {
                var query = new QueryValidator(context.Request);
                var page = query.Page();
                if (!query.IsValid)
                {
                    return query.Result();
                }

                var result = await service.ListAsync(page.Skip, page.PageSize, context.RequestAborted).ConfigureAwait(false);
                return Replies.Json(
                    new Paginated<UserResponse>(page.Page, page.PageSize, result.Total, [.. result.Items.Select(AuthEndpoints.ToResponse)]),
                    UsersJsonContext.Web.PaginatedUserResponse);
            })
            .WithName("ListUsers")
            .RequireAuthorization(WebMacsPolicies.Admin);

        users.MapPost(string.Empty, async (HttpContext context, UserService service) =>
            {
                var (body, error) = await JsonBody.ReadAsync(context).ConfigureAwait(false);
                if (error is not null)
                {
                    return error;
                }

                using (body)
                {
                    var fields = new BodyValidator(body!.Root);
                    var email = fields.RequiredEmail("email");
                    var username = fields.RequiredString("username", 2, 50);
                    var password = fields.RequiredString("password", 8);
                    var role = fields.OptionalEnum<UserRole>("role") ?? UserRole.Viewer;
                    if (!fields.IsValid)
                    {
                        return fields.Result();
                    }

                    var created = await service.CreateAsync(email!, username!, password!, role, context.RequestAborted).ConfigureAwait(false);
                    return created.Map(_ => Replies.Created("User successfully created."));
                }
            })
            .WithName("CreateUser")
            .RequireAuthorization(WebMacsPolicies.Admin);

        users.MapGet("/{public_id}", async (string public_id, HttpContext context, UserService service) =>
                (await service.GetAsync(public_id, context.RequestAborted).ConfigureAwait(false))
                    .Map(user => Replies.Json(AuthEndpoints.ToResponse(user), WebMacsJsonContext.Web.UserResponse)))
            .WithName("GetUser")
            .RequireAuthorization(WebMacsPolicies.Viewer);

        users.MapPut("/{public_id}", async (string public_id, HttpContext context, UserService service) =>
            {
                var (body, error) = await JsonBody.ReadAsync(context).ConfigureAwait(false);
                if (error is not null)
                {
                    return error;
                }

                using (body)
                {
                    var fields = new BodyValidator(body!.Root);
                    var changes = new UserChanges(
                        fields.OptionalEmail("email"),
                        fields.OptionalString("username", 2, 50),
                        fields.OptionalString("password", 8),
                        fields.OptionalEnum<UserRole>("role"),
                        NullSent: fields.IsNull("email") || fields.IsNull("username") || fields.IsNull("password") || fields.IsNull("role"));
                    if (!fields.IsValid)
                    {
                        return fields.Result();
                    }

                    var updated = await service.UpdateAsync(context.GetWebMacsCaller().User, public_id, changes, context.RequestAborted).ConfigureAwait(false);
                    return updated.Map(_ => Replies.Ok("User successfully updated."));
                }
            })
            .WithName("UpdateUser")
            .RequireAuthorization(WebMacsPolicies.Viewer);

        users.MapDelete("/{public_id}", async (string public_id, HttpContext context, UserService service) =>
                (await service.DeleteAsync(public_id, context.RequestAborted).ConfigureAwait(false)).Map(() => Replies.Ok("User successfully deleted.")))
            .WithName("DeleteUser")
            .RequireAuthorization(WebMacsPolicies.Admin);
    }
}
