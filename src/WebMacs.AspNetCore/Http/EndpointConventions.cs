using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Metadata;
using WebMacs.AspNetCore.Security;

namespace WebMacs.AspNetCore.Http;

/// <summary>
/// The role and documentation conventions of WebMacs routes in one place: the policy, and the 401/403/422 answers
/// it implies in the OpenAPI document. The role conventions apply to a route or to a whole group. Whatever order the
/// calls come in, a route that uses them lists its responses in status-code order.
/// </summary>
internal static class EndpointConventions
{
    /// <summary>Any signed-in user (viewer+).</summary>
    public static TBuilder ForViewers<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder =>
        builder.RequireAuthorization(WebMacsPolicies.Viewer).ProducesProblem(StatusCodes.Status401Unauthorized).InStatusOrder();

    /// <summary>Operators and admins.</summary>
    public static TBuilder ForOperators<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder =>
        builder.RequireAuthorization(WebMacsPolicies.Operator).ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden).InStatusOrder();

    /// <summary>Admins only.</summary>
    public static TBuilder ForAdmins<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder =>
        builder.RequireAuthorization(WebMacsPolicies.Admin).ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden).InStatusOrder();

    /// <summary>Documents a JSON request body and the 422 it can cause.</summary>
    public static RouteHandlerBuilder WithJsonBody<TRequest>(this RouteHandlerBuilder builder)
        where TRequest : notnull =>
        builder.Accepts<TRequest>("application/json").ProducesValidationProblem(StatusCodes.Status422UnprocessableEntity).InStatusOrder();

    /// <summary>Documents a paginated list and the 422 of bad <c>page</c>/<c>page_size</c>.</summary>
    public static RouteHandlerBuilder ProducesPage<TResponse>(this RouteHandlerBuilder builder) =>
        builder.Produces<Paginated<TResponse>>().ProducesValidationProblem(StatusCodes.Status422UnprocessableEntity).InStatusOrder();

    /// <summary>
    /// Once every convention has run, reorders the route's response metadata by status code (stable, in place; other
    /// metadata keeps its position), so <c>.ForOperators().Produces&lt;T&gt;()</c> still documents 200 before 401.
    /// </summary>
    private static TBuilder InStatusOrder<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder
    {
        builder.Finally(static endpoint =>
        {
            var metadata = endpoint.Metadata;
            var slots = Enumerable.Range(0, metadata.Count).Where(i => metadata[i] is IProducesResponseTypeMetadata).ToList();
            var responses = slots.Select(i => (IProducesResponseTypeMetadata)metadata[i]).OrderBy(r => r.StatusCode).ToList();
            for (var k = 0; k < slots.Count; k++)
            {
                metadata[slots[k]] = responses[k];
            }
        });
        return builder;
    }
}
