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

        users.MapGet(string.Empty, (HttpContext context, UserService service) =>
                context.PageAsync((page, ct) => service.ListAsync(page.Skip, page.PageSize, ct), AuthEndpoints.ToResponse, WebMacsJsonContext.Web.PaginatedUserResponse))
            .WithName("ListUsers")
            .ForAdmins()
            .ProducesPage<UserResponse>();

        users.MapPost(string.Empty, (HttpContext context, UserService service) =>
                context.WithBodyAsync(
                    fields => (
                        Email: fields.RequiredEmail("email"),
                        Username: fields.RequiredString("username", 2, 50),
                        Password: fields.RequiredString("password", 8),
                        Role: fields.OptionalEnum<UserRole>("role") ?? UserRole.Viewer),
                    async body => (await service.CreateAsync(body.Email!, body.Username!, body.Password!, body.Role, context.RequestAborted).ConfigureAwait(false))
                        .Map(_ => Replies.Created("User successfully created."))))
            .WithName("CreateUser")
            .ForAdmins()
            .WithJsonBody<UserCreateRequest>()
            .Produces<StatusResponse>(StatusCodes.Status201Created)
            .ProducesProblem(StatusCodes.Status409Conflict);

        users.MapGet("/{public_id}", async (string public_id, HttpContext context, UserService service) =>
                (await service.GetAsync(public_id, context.RequestAborted).ConfigureAwait(false))
                    .Map(user => Replies.Json(AuthEndpoints.ToResponse(user), WebMacsJsonContext.Web.UserResponse)))
            .WithName("GetUser")
            .ForViewers()
            .Produces<UserResponse>()
            .ProducesProblem(StatusCodes.Status404NotFound);

        users.MapPut("/{public_id}", (string public_id, HttpContext context, UserService service) =>
                context.WithBodyAsync(
                    fields => new UserChanges(
                        fields.OptionalEmail("email"),
                        fields.OptionalString("username", 2, 50),
                        fields.OptionalString("password", 8),
                        fields.OptionalEnum<UserRole>("role"),
                        NullSent: fields.IsNull("email") || fields.IsNull("username") || fields.IsNull("password") || fields.IsNull("role")),
                    async changes => (await service.UpdateAsync(context.GetWebMacsCaller().User, public_id, changes, context.RequestAborted).ConfigureAwait(false))
                        .Map(_ => Replies.Ok("User successfully updated."))))
            .WithName("UpdateUser")
            .ForViewers()
            .WithJsonBody<UserUpdateRequest>()
            .Produces<StatusResponse>()
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);

        users.MapDelete("/{public_id}", async (string public_id, HttpContext context, UserService service) =>
                (await service.DeleteAsync(public_id, context.RequestAborted).ConfigureAwait(false)).Map(() => Replies.Ok("User successfully deleted.")))
            .WithName("DeleteUser")
            .ForAdmins()
            .Produces<StatusResponse>()
            .ProducesProblem(StatusCodes.Status404NotFound);
    }
}

/// <summary>The body of <c>POST /users</c> (for the OpenAPI document).</summary>
internal sealed record UserCreateRequest(string Email, string Username, string Password, string? Role);

/// <summary>The body of <c>PUT /users/{public_id}</c>: any of the fields (for the OpenAPI document).</summary>
internal sealed record UserUpdateRequest(string? Email, string? Username, string? Password, string? Role);
