using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using WebMacs.AspNetCore.Http;
using WebMacs.AspNetCore.Security;
using WebMacs.Domain;
using WebMacs.Security;

namespace WebMacs.AspNetCore.Endpoints;

/// <summary>Login, logout and the caller's profile (reference §3.2, routes 2–4).</summary>
internal static class AuthEndpoints
{
    public static void Map(IEndpointRouteBuilder api)
    {
        var auth = api.MapGroup("/auth").WithTags("Auth");

        auth.MapPost("/login", (HttpContext context, AuthService service) =>
                context.WithBodyAsync(
                    fields => (Email: fields.RequiredEmail("email"), Password: fields.RequiredString("password", minLength: 1)),
                    async body =>
                    {
                        var login = await service.LoginAsync(body.Email!, body.Password!, context.RequestAborted).ConfigureAwait(false);
                        return login is null
                            ? Problems.Result(StatusCodes.Status401Unauthorized, "Invalid email or password.")
                            : TypedResults.Json(
                                new LoginResponse("success", "Successfully logged in.", login.AccessToken, login.User.PublicId, login.User.Username),
                                WebMacsJsonContext.Web.LoginResponse);
                    }))
            .WithName("Login")
            .AllowAnonymous()
            .WithJsonBody<LoginRequest>()
            .Produces<LoginResponse>()
            .ProducesProblem(StatusCodes.Status401Unauthorized);

        auth.MapPost("/logout", async (HttpContext context, AuthService service) =>
            {
                await service.LogoutAsync(context.GetWebMacsCaller().Credential, context.RequestAborted).ConfigureAwait(false);
                return TypedResults.Json(StatusResponse.Success("Successfully logged out."), WebMacsJsonContext.Web.StatusResponse);
            })
            .WithName("Logout")
            .ForViewers()
            .Produces<StatusResponse>();

        auth.MapGet("/me", (HttpContext context) => TypedResults.Json(ToResponse(context.GetWebMacsCaller().User), WebMacsJsonContext.Web.UserResponse))
            .WithName("Me")
            .ForViewers()
            .Produces<UserResponse>();
    }

    internal static UserResponse ToResponse(User user) =>
        new(user.PublicId, user.Email, user.Username, WireEnum<UserRole>.ToWire(user.Role), user.Role == UserRole.Admin, user.RegisteredOn, user.SsoProvider);
}

/// <summary>The body of <c>POST /auth/login</c> (for the OpenAPI document).</summary>
internal sealed record LoginRequest(string Email, string Password);
