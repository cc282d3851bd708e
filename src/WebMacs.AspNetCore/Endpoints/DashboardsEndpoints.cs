using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using WebMacs.AspNetCore.Http;
using WebMacs.AspNetCore.Security;
using WebMacs.Dashboards;

namespace WebMacs.AspNetCore.Endpoints;

/// <summary>Dashboards (reference §4.3 routes 59–63); the widget routes are in <see cref="DashboardWidgetsEndpoints"/>.</summary>
internal static class DashboardsEndpoints
{
    private const int MaxText = 255;

    public static void Map(IEndpointRouteBuilder api)
    {
        var dashboards = api.MapGroup("/dashboards").WithTags("Dashboards");

        dashboards.MapGet(string.Empty, async (HttpContext context, DashboardService service) =>
            {
                var query = new QueryValidator(context.Request);
                var page = query.Page();
                if (!query.IsValid)
                {
                    return query.Result();
                }

                var result = await service.ListAsync(context.GetWebMacsCaller().User, page.Skip, page.PageSize, context.RequestAborted).ConfigureAwait(false);
                return Replies.Json(
                    new Paginated<DashboardResponse>(page.Page, page.PageSize, result.Total, [.. result.Items.Select(DashboardResponse.From)]),
                    DashboardsJsonContext.Web.PaginatedDashboardResponse);
            })
            .WithName("ListDashboards")
            .RequireAuthorization(WebMacsPolicies.Viewer)
            .Produces<Paginated<DashboardResponse>>()
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesValidationProblem(StatusCodes.Status422UnprocessableEntity);

        dashboards.MapPost(string.Empty, async (HttpContext context, DashboardService service) =>
            {
                var (body, error) = await JsonBody.ReadAsync(context).ConfigureAwait(false);
                if (error is not null)
                {
                    return error;
                }

                using (body)
                {
                    var fields = new BodyValidator(body!.Root);
                    var name = fields.RequiredString("name", 1, MaxText);
                    var isGlobal = fields.BoolWithDefault("is_global") ?? false;
                    if (!fields.IsValid)
                    {
                        return fields.Result();
                    }

                    var created = await service.CreateAsync(context.GetWebMacsCaller().User, name!, isGlobal, context.RequestAborted).ConfigureAwait(false);
                    return created.Map(view => Replies.Json(DashboardResponse.From(view), DashboardsJsonContext.Web.DashboardResponse, StatusCodes.Status201Created));
                }
            })
            .WithName("CreateDashboard")
            .RequireAuthorization(WebMacsPolicies.Operator)
            .Accepts<DashboardCreateRequest>("application/json")
            .Produces<DashboardResponse>(StatusCodes.Status201Created)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesValidationProblem(StatusCodes.Status422UnprocessableEntity);

        dashboards.MapGet("/{public_id}", async (string public_id, HttpContext context, DashboardService service) =>
                (await service.GetAsync(context.GetWebMacsCaller().User, public_id, context.RequestAborted).ConfigureAwait(false))
                    .Map(view => Replies.Json(DashboardResponse.From(view), DashboardsJsonContext.Web.DashboardResponse)))
            .WithName("GetDashboard")
            .RequireAuthorization(WebMacsPolicies.Viewer)
            .Produces<DashboardResponse>()
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound);

        dashboards.MapPut("/{public_id}", async (string public_id, HttpContext context, DashboardService service) =>
            {
                var (body, error) = await JsonBody.ReadAsync(context).ConfigureAwait(false);
                if (error is not null)
                {
                    return error;
                }

                using (body)
                {
                    var fields = new BodyValidator(body!.Root);
                    var changes = new DashboardChanges(
                        fields.OptionalString("name", 0, MaxText),
                        fields.OptionalBool("is_global"),
                        NullSent: fields.IsNull("name") || fields.IsNull("is_global"));
                    if (!fields.IsValid)
                    {
                        return fields.Result();
                    }

                    var updated = await service.UpdateAsync(context.GetWebMacsCaller().User, public_id, changes, context.RequestAborted).ConfigureAwait(false);
                    return updated.Map(() => Replies.Ok("Dashboard successfully updated."));
                }
            })
            .WithName("UpdateDashboard")
            .RequireAuthorization(WebMacsPolicies.Operator)
            .Accepts<DashboardUpdateRequest>("application/json")
            .Produces<StatusResponse>()
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesValidationProblem(StatusCodes.Status422UnprocessableEntity);

        dashboards.MapDelete("/{public_id}", async (string public_id, HttpContext context, DashboardService service) =>
                (await service.DeleteAsync(context.GetWebMacsCaller().User, public_id, context.RequestAborted).ConfigureAwait(false))
                    .Map(() => Replies.Ok("Dashboard successfully deleted.")))
            .WithName("DeleteDashboard")
            .RequireAuthorization(WebMacsPolicies.Operator)
            .Produces<StatusResponse>()
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound);

        DashboardWidgetsEndpoints.Map(dashboards);
    }
}
