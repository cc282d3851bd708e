using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using WebMacs.AspNetCore.Http;
using WebMacs.Plugins;
using ChannelDirection = WebMacs.Domain.ChannelDirection;

namespace WebMacs.AspNetCore.Endpoints;

/// <summary>The channel mappings of a plugin instance (reference §4.3 routes 76–79).</summary>
internal static class PluginChannelsEndpoints
{
    public static void Map(RouteGroupBuilder plugins)
    {
        plugins.MapGet("/{public_id}/channels", async (string public_id, HttpContext context, ChannelMappingService service) =>
                (await service.ListAsync(public_id, context.RequestAborted).ConfigureAwait(false))
                    .Map(list => Replies.Json<IReadOnlyList<ChannelMappingResponse>>([.. list.Select(ChannelMappingResponse.From)],
                        WebMacsJsonContext.Web.IReadOnlyListChannelMappingResponse)))
            .WithName("ListChannelMappings")
            .ForViewers()
            .Produces<IReadOnlyList<ChannelMappingResponse>>()
            .ProducesProblem(StatusCodes.Status404NotFound);

        plugins.MapPost("/{public_id}/channels", (string public_id, HttpContext context, ChannelMappingService service) =>
                context.WithBodyAsync(
                    fields => (
                        ChannelId: fields.RequiredString("channel_id", 1, 100),
                        ChannelName: fields.RequiredString("channel_name", 1, 255),
                        Direction: fields.RequiredEnum<ChannelDirection>("direction"),
                        Unit: fields.RequiredString("unit", 1, 50),
                        EventId: fields.OptionalString("event_public_id")),
                    async body =>
                    {
                        var draft = new ChannelMappingDraft(body.ChannelId!, body.ChannelName!, body.Direction!.Value, body.Unit!, body.EventId);
                        var created = await service.CreateAsync(public_id, draft, context.RequestAborted).ConfigureAwait(false);
                        return created.Map(() => Replies.Created("Channel mapping created."));
                    }))
            .WithName("CreateChannelMapping")
            .ForAdmins()
            .WithJsonBody<ChannelMappingCreateRequest>()
            .Produces<StatusResponse>(StatusCodes.Status201Created)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);

        plugins.MapPut("/{public_id}/channels/{mapping_id}", (string public_id, string mapping_id, HttpContext context, ChannelMappingService service) =>
                context.WithBodyAsync(
                    fields => (EventSent: fields.Has("event_public_id"), EventId: fields.OptionalString("event_public_id")),
                    async body => (await service.UpdateAsync(public_id, mapping_id, body.EventSent, body.EventId, context.RequestAborted).ConfigureAwait(false))
                        .Map(() => Replies.Ok("Channel mapping successfully updated."))))
            .WithName("UpdateChannelMapping")
            .ForAdmins()
            .WithJsonBody<ChannelMappingUpdateRequest>()
            .Produces<StatusResponse>()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);

        plugins.MapDelete("/{public_id}/channels/{mapping_id}", async (string public_id, string mapping_id, HttpContext context, ChannelMappingService service) =>
                (await service.DeleteAsync(public_id, mapping_id, context.RequestAborted).ConfigureAwait(false)).Map(() => Replies.Ok("Channel mapping successfully deleted.")))
            .WithName("DeleteChannelMapping")
            .ForAdmins()
            .Produces<StatusResponse>()
            .ProducesProblem(StatusCodes.Status404NotFound);
    }
}
