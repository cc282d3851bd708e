using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using WebMacs.AspNetCore.Http;
using WebMacs.AspNetCore.Security;
using WebMacs.Dashboards;
using WebMacs.Domain;

namespace WebMacs.AspNetCore.Endpoints;

/// <summary>The widgets of a dashboard (reference §4.3 routes 64–66): operator+, and the dashboard's owner or an admin.</summary>
internal static class DashboardWidgetsEndpoints
{
    private const int MaxText = 255;

    public static void Map(RouteGroupBuilder dashboards)
    {
        dashboards.MapPost("/{dashboard_id}/widgets", (string dashboard_id, HttpContext context, DashboardService service) =>
                context.WithBodyAsync(
                    fields => (
                        Type: fields.RequiredEnum<WidgetType>("widget_type"),
                        Title: fields.RequiredString("title", 1, MaxText),
                        EventId: fields.OptionalString("event_public_id"),
                        X: fields.IntWithDefault("x") ?? 0,
                        Y: fields.IntWithDefault("y") ?? 0,
                        W: fields.IntWithDefault("w", 1, 12) ?? 4,
                        H: fields.IntWithDefault("h", 1, 12) ?? 3,
                        Config: fields.OptionalString("config_json")),
                    async body =>
                    {
                        var draft = new WidgetDraft(body.Type!.Value, body.Title!, body.EventId, body.X, body.Y, body.W, body.H, body.Config);
                        var created = await service.AddWidgetAsync(context.GetWebMacsCaller().User, dashboard_id, draft, context.RequestAborted).ConfigureAwait(false);
                        return created.Map(view => Replies.Json(DashboardWidgetResponse.From(view), WebMacsJsonContext.Web.DashboardWidgetResponse, StatusCodes.Status201Created));
                    }))
            .WithName("AddDashboardWidget")
            .ForOperators()
            .WithJsonBody<WidgetCreateRequest>()
            .Produces<DashboardWidgetResponse>(StatusCodes.Status201Created)
            .ProducesProblem(StatusCodes.Status404NotFound);

        dashboards.MapPut("/{dashboard_id}/widgets/{widget_id}", (string dashboard_id, string widget_id, HttpContext context, DashboardService service) =>
                context.WithBodyAsync(
                    fields => new WidgetChanges(
                        fields.OptionalString("title", 1, MaxText),
                        EventSent: fields.Has("event_public_id"),
                        fields.OptionalString("event_public_id"),
                        fields.OptionalInt("x"),
                        fields.OptionalInt("y"),
                        fields.OptionalInt("w", 1, 12),
                        fields.OptionalInt("h", 1, 12),
                        ConfigJsonSent: fields.Has("config_json"),
                        fields.OptionalString("config_json"),
                        NullSent: fields.IsNull("title") || fields.IsNull("x") || fields.IsNull("y") || fields.IsNull("w") || fields.IsNull("h")),
                    async changes => (await service.UpdateWidgetAsync(context.GetWebMacsCaller().User, dashboard_id, widget_id, changes, context.RequestAborted).ConfigureAwait(false))
                        .Map(() => Replies.Ok("Widget successfully updated."))))
            .WithName("UpdateDashboardWidget")
            .ForOperators()
            .WithJsonBody<WidgetUpdateRequest>()
            .Produces<StatusResponse>()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);

        dashboards.MapDelete("/{dashboard_id}/widgets/{widget_id}", async (string dashboard_id, string widget_id, HttpContext context, DashboardService service) =>
                (await service.DeleteWidgetAsync(context.GetWebMacsCaller().User, dashboard_id, widget_id, context.RequestAborted).ConfigureAwait(false))
                    .Map(() => Replies.Ok("Widget successfully deleted.")))
            .WithName("DeleteDashboardWidget")
            .ForOperators()
            .Produces<StatusResponse>()
            .ProducesProblem(StatusCodes.Status404NotFound);
    }
}
