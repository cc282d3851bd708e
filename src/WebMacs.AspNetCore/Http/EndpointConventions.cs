using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using WebMacs.AspNetCore.Security;

namespace WebMacs.AspNetCore.Http;

/// <summary>
/// The role and documentation conventions of WebMacs routes in one place: the policy, and the 401/403/422 answers
/// it implies in the OpenAPI document.
/// </summary>
internal static class EndpointConventions
{
    /// <summary>Any signed-in user (viewer+).</summary>
    public static RouteHandlerBuilder ForViewers(this RouteHandlerBuilder builder) =>
        builder.RequireAuthorization(WebMacsPolicies.Viewer).ProducesProblem(StatusCodes.Status401Unauthorized);

    /// <summary>Operators and admins.</summary>
    public static RouteHandlerBuilder ForOperators(this RouteHandlerBuilder builder) =>
        builder.RequireAuthorization(WebMacsPolicies.Operator).ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden);

    /// <summary>Admins only.</summary>
    public static RouteHandlerBuilder ForAdmins(this RouteHandlerBuilder builder) =>
        builder.RequireAuthorization(WebMacsPolicies.Admin).ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden);

    /// <summary>Documents a JSON request body and the 422 it can cause.</summary>
    public static RouteHandlerBuilder WithJsonBody<TRequest>(this RouteHandlerBuilder builder)
        where TRequest : notnull =>
        builder.Accepts<TRequest>("application/json").ProducesValidationProblem(StatusCodes.Status422UnprocessableEntity);

    /// <summary>Documents a paginated list and the 422 of bad <c>page</c>/<c>page_size</c>.</summary>
    public static RouteHandlerBuilder ProducesPage<TResponse>(this RouteHandlerBuilder builder) =>
        builder.Produces<Paginated<TResponse>>().ProducesValidationProblem(StatusCodes.Status422UnprocessableEntity);
}
