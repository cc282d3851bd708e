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

        events.MapGet(string.Empty, (HttpContext context, EventService service) =>
                context.PageAsync((page, ct) => service.ListAsync(page.Skip, page.PageSize, ct), EventResponse.From, WebMacsJsonContext.Web.PaginatedEventResponse))
            .WithName("ListEvents")
            .ForViewers()
            .ProducesPage<EventResponse>();

        events.MapPost(string.Empty, (HttpContext context, EventService service) =>
                context.WithBodyAsync(
                    fields => (
                        Name: fields.RequiredString("name", 1, MaxText),
                        MinValue: fields.RequiredDouble("min_value"),
                        MaxValue: fields.RequiredDouble("max_value"),
                        Unit: fields.RequiredString("unit", 1, MaxText),
                        Type: fields.RequiredEnum<EventType>("type")),
                    async body =>
                    {
                        var draft = new NewEvent(body.Name!, body.MinValue!.Value, body.MaxValue!.Value, body.Unit!, body.Type!.Value);
                        var created = await service.CreateAsync(context.GetWebMacsCaller().User, draft, context.RequestAborted).ConfigureAwait(false);
                        return created.Map(_ => Replies.Created("Event successfully created."));
                    }))
            .WithName("CreateEvent")
            .ForOperators()
            .WithJsonBody<EventCreateRequest>()
            .Produces<StatusResponse>(StatusCodes.Status201Created)
            .ProducesProblem(StatusCodes.Status409Conflict);

        events.MapGet("/{public_id}", async (string public_id, HttpContext context, EventService service) =>
                (await service.GetAsync(public_id, context.RequestAborted).ConfigureAwait(false))
                    .Map(row => Replies.Json(EventResponse.From(row), WebMacsJsonContext.Web.EventResponse)))
            .WithName("GetEvent")
            .ForViewers()
            .Produces<EventResponse>()
            .ProducesProblem(StatusCodes.Status404NotFound);

        events.MapPut("/{public_id}", (string public_id, HttpContext context, EventService service) =>
                context.WithBodyAsync(
                    fields => new EventChanges(
                        fields.OptionalString("name", 0, MaxText),
                        fields.OptionalDouble("min_value"),
                        fields.OptionalDouble("max_value"),
                        fields.OptionalString("unit", 0, MaxText),
                        fields.OptionalEnum<EventType>("type"),
                        NullSent: fields.IsNull("name") || fields.IsNull("min_value") || fields.IsNull("max_value") || fields.IsNull("unit") || fields.IsNull("type")),
                    async changes => (await service.UpdateAsync(public_id, changes, context.RequestAborted).ConfigureAwait(false))
                        .Map(() => Replies.Ok("Event successfully updated."))))
            .WithName("UpdateEvent")
            .ForOperators()
            .WithJsonBody<EventUpdateRequest>()
            .Produces<StatusResponse>()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);

        events.MapDelete("/{public_id}", async (string public_id, HttpContext context, EventService service) =>
                (await service.DeleteAsync(public_id, context.RequestAborted).ConfigureAwait(false)).Map(() => Replies.Ok("Event successfully deleted.")))
            .WithName("DeleteEvent")
            .ForOperators()
            .Produces<StatusResponse>()
            .ProducesProblem(StatusCodes.Status404NotFound);
    }
}
