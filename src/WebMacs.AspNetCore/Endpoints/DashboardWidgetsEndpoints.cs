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
        dashboards.MapPost("/{dashboard_id}/widgets", async (string dashboard_id, HttpContext context, DashboardService service) =>
            {
                var (body, error) = await JsonBody.ReadAsync(context).ConfigureAwait(false);
                if (error is not null)
                {
                    return error;
                }

                using (body)
                {
                    var fields = new BodyValidator(body!.Root);
                    var type = fields.RequiredEnum<WidgetType>("widget_type");
                    var title = fields.RequiredString("title", 1, MaxText);
                    var eventId = fields.OptionalString("event_public_id");
                    var x = fields.IntWithDefault("x") ?? 0;
                    var y = fields.IntWithDefault("y") ?? 0;
                    var w = fields.IntWithDefault("w", 1, 12) ?? 4;
                    var h = fields.IntWithDefault("h", 1, 12) ?? 3;
                    var config = fields.OptionalString("config_json");
                    if (!fields.IsValid)
                    {
                        return fields.Result();
                    }

                    var draft = new WidgetDraft(type!.Value, title!, eventId, x, y, w, h, config);
                    var created = await service.AddWidgetAsync(context.GetWebMacsCaller().User, dashboard_id, draft, context.RequestAborted).ConfigureAwait(false);
                    return created.Map(view => Replies.Json(DashboardWidgetResponse.From(view), DashboardsJsonContext.Web.DashboardWidgetResponse, StatusCodes.Status201Created));
                }
            })
            .WithName("AddDashboardWidget")
            .RequireAuthorization(WebMacsPolicies.Operator)
            .Accepts<WidgetCreateRequest>("application/json")
            .Produces<DashboardWidgetResponse>(StatusCodes.Status201Created)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesValidationProblem(StatusCodes.Status422UnprocessableEntity);

        dashboards.MapPut("/{dashboard_id}/widgets/{widget_id}", async (string dashboard_id, string widget_id, HttpContext context, DashboardService service) =>
            {
                var (body, error) = await JsonBody.ReadAsync(context).ConfigureAwait(false);
                if (error is not null)
                {
                    return error;
                }

                using (body)
                {
                    var fields = new BodyValidator(body!.Root);
                    var changes = new WidgetChanges(
                        fields.OptionalString("title", 1, MaxText),
                        EventSent: fields.Has("event_public_id"),
                        fields.OptionalString("event_public_id"),
                        fields.OptionalInt("x"),
                        fields.OptionalInt("y"),
                        fields.OptionalInt("w", 1, 12),
                        fields.OptionalInt("h", 1, 12),
                        ConfigJsonSent: fields.Has("config_json"),
                        fields.OptionalString("config_json"),
                        NullSent: fields.IsNull("title") || fields.IsNull("x") || fields.IsNull("y") || fields.IsNull("w") || fields.IsNull("h"));
                    if (!fields.IsValid)
                    {
                        return fields.Result();
                    }

                    var updated = await service.UpdateWidgetAsync(context.GetWebMacsCaller().User, dashboard_id, widget_id, changes, context.RequestAborted).ConfigureAwait(false);
                    return updated.Map(() => Replies.Ok("Widget successfully updated."));
                }
            })
            .WithName("UpdateDashboardWidget")
            .RequireAuthorization(WebMacsPolicies.Operator)
            .Accepts<WidgetUpdateRequest>("application/json")
            .Produces<StatusResponse>()
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesValidationProblem(StatusCodes.Status422UnprocessableEntity);

        dashboards.MapDelete("/{dashboard_id}/widgets/{widget_id}", async (string dashboard_id, string widget_id, HttpContext context, DashboardService service) =>
                (await service.DeleteWidgetAsync(context.GetWebMacsCaller().User, dashboard_id, widget_id, context.RequestAborted).ConfigureAwait(false))
                    .Map(() => Replies.Ok("Widget successfully deleted.")))
            .WithName("DeleteDashboardWidget")
            .RequireAuthorization(WebMacsPolicies.Operator)
            .Produces<StatusResponse>()
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound);
    }
}
