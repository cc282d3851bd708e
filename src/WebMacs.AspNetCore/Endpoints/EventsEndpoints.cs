using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using WebMacs.AspNetCore.Http;
using WebMacs.AspNetCore.Security;
using WebMacs.Domain;
using WebMacs.Events;

namespace WebMacs.AspNetCore.Endpoints;

/// <summary>Sensor and actuator channel definitions (reference §4.3 routes 17–21).</summary>
internal static class EventsEndpoints
{
    private const int MaxText = 255;

    public static void Map(IEndpointRouteBuilder api)
    {
        var events = api.MapGroup("/events").WithTags("Events");

        events.MapGet(string.Empty, async (HttpContext context, EventService service) =>
            {
                var query = new QueryValidator(context.Request);
                var page = query.Page();
                if (!query.IsValid)
                {
                    return query.Result();
                }

                var result = await service.ListAsync(page.Skip, page.PageSize, context.RequestAborted).ConfigureAwait(false);
                return Replies.Json(
                    new Paginated<EventResponse>(page.Page, page.PageSize, result.Total, [.. result.Items.Select(EventResponse.From)]),
                    EventsJsonContext.Web.PaginatedEventResponse);
            })
            .WithName("ListEvents")
            .RequireAuthorization(WebMacsPolicies.Viewer)
            .Produces<Paginated<EventResponse>>()
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesValidationProblem(StatusCodes.Status422UnprocessableEntity);

        events.MapPost(string.Empty, async (HttpContext context, EventService service) =>
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
                    var minValue = fields.RequiredDouble("min_value");
                    var maxValue = fields.RequiredDouble("max_value");
                    var unit = fields.RequiredString("unit", 1, MaxText);
                    var type = fields.RequiredEnum<EventType>("type");
                    if (!fields.IsValid)
                    {
                        return fields.Result();
                    }

                    var created = await service.CreateAsync(
                        context.GetWebMacsCaller().User, new NewEvent(name!, minValue!.Value, maxValue!.Value, unit!, type!.Value), context.RequestAborted).ConfigureAwait(false);
                    return created.Map(_ => Replies.Created("Event successfully created."));
                }
            })
            .WithName("CreateEvent")
            .RequireAuthorization(WebMacsPolicies.Operator)
            .Accepts<EventCreateRequest>("application/json")
            .Produces<StatusResponse>(StatusCodes.Status201Created)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesValidationProblem(StatusCodes.Status422UnprocessableEntity);

        events.MapGet("/{public_id}", async (string public_id, HttpContext context, EventService service) =>
                (await service.GetAsync(public_id, context.RequestAborted).ConfigureAwait(false))
                    .Map(row => Replies.Json(EventResponse.From(row), EventsJsonContext.Web.EventResponse)))
            .WithName("GetEvent")
            .RequireAuthorization(WebMacsPolicies.Viewer)
            .Produces<EventResponse>()
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status404NotFound);

        events.MapPut("/{public_id}", async (string public_id, HttpContext context, EventService service) =>
            {
                var (body, error) = await JsonBody.ReadAsync(context).ConfigureAwait(false);
                if (error is not null)
                {
                    return error;
                }

                using (body)
                {
                    var fields = new BodyValidator(body!.Root);
                    var changes = new EventChanges(
                        fields.OptionalString("name", 0, MaxText),
                        fields.OptionalDouble("min_value"),
                        fields.OptionalDouble("max_value"),
                        fields.OptionalString("unit", 0, MaxText),
                        fields.OptionalEnum<EventType>("type"),
                        NullSent: fields.IsNull("name") || fields.IsNull("min_value") || fields.IsNull("max_value") || fields.IsNull("unit") || fields.IsNull("type"));
                    if (!fields.IsValid)
                    {
                        return fields.Result();
                    }

                    var updated = await service.UpdateAsync(public_id, changes, context.RequestAborted).ConfigureAwait(false);
                    return updated.Map(() => Replies.Ok("Event successfully updated."));
                }
            })
            .WithName("UpdateEvent")
            .RequireAuthorization(WebMacsPolicies.Operator)
            .Accepts<EventUpdateRequest>("application/json")
            .Produces<StatusResponse>()
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesValidationProblem(StatusCodes.Status422UnprocessableEntity);

        events.MapDelete("/{public_id}", async (string public_id, HttpContext context, EventService service) =>
                (await service.DeleteAsync(public_id, context.RequestAborted).ConfigureAwait(false)).Map(() => Replies.Ok("Event successfully deleted.")))
            .WithName("DeleteEvent")
            .RequireAuthorization(WebMacsPolicies.Operator)
            .Produces<StatusResponse>()
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound);
    }
}
