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

        dashboards.MapGet(string.Empty, (HttpContext context, DashboardService service) =>
                context.PageAsync((page, ct) => service.ListAsync(context.GetWebMacsCaller().User, page.Skip, page.PageSize, ct), DashboardResponse.From,
                    WebMacsJsonContext.Web.PaginatedDashboardResponse))
            .WithName("ListDashboards")
            .ForViewers()
            .ProducesPage<DashboardResponse>();

        dashboards.MapPost(string.Empty, (HttpContext context, DashboardService service) =>
                context.WithBodyAsync(
                    fields => (Name: fields.RequiredString("name", 1, MaxText), IsGlobal: fields.BoolWithDefault("is_global") ?? false),
                    async body => (await service.CreateAsync(context.GetWebMacsCaller().User, body.Name!, body.IsGlobal, context.RequestAborted).ConfigureAwait(false))
                        .Map(view => Replies.Json(DashboardResponse.From(view), WebMacsJsonContext.Web.DashboardResponse, StatusCodes.Status201Created))))
            .WithName("CreateDashboard")
            .ForOperators()
            .WithJsonBody<DashboardCreateRequest>()
            .Produces<DashboardResponse>(StatusCodes.Status201Created);

        dashboards.MapGet("/{public_id}", async (string public_id, HttpContext context, DashboardService service) =>
                (await service.GetAsync(context.GetWebMacsCaller().User, public_id, context.RequestAborted).ConfigureAwait(false))
                    .Map(view => Replies.Json(DashboardResponse.From(view), WebMacsJsonContext.Web.DashboardResponse)))
            .WithName("GetDashboard")
            .ForViewers()
            .Produces<DashboardResponse>()
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound);

        dashboards.MapPut("/{public_id}", (string public_id, HttpContext context, DashboardService service) =>
                context.WithBodyAsync(
                    fields => new DashboardChanges(
                        fields.OptionalString("name", 0, MaxText),
                        fields.OptionalBool("is_global"),
                        NullSent: fields.IsNull("name") || fields.IsNull("is_global")),
                    async changes => (await service.UpdateAsync(context.GetWebMacsCaller().User, public_id, changes, context.RequestAborted).ConfigureAwait(false))
                        .Map(() => Replies.Ok("Dashboard successfully updated."))))
            .WithName("UpdateDashboard")
            .ForOperators()
            .WithJsonBody<DashboardUpdateRequest>()
            .Produces<StatusResponse>()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);

        dashboards.MapDelete("/{public_id}", async (string public_id, HttpContext context, DashboardService service) =>
                (await service.DeleteAsync(context.GetWebMacsCaller().User, public_id, context.RequestAborted).ConfigureAwait(false))
                    .Map(() => Replies.Ok("Dashboard successfully deleted.")))
            .WithName("DeleteDashboard")
            .ForOperators()
            .Produces<StatusResponse>()
            .ProducesProblem(StatusCodes.Status404NotFound);

        DashboardWidgetsEndpoints.Map(dashboards);
    }
}
