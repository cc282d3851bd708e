using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using WebMacs.AspNetCore.Http;
using WebMacs.AspNetCore.Security;
using WebMacs.Domain;
using WebMacs.Plugins;

namespace WebMacs.AspNetCore.Endpoints;

/// <summary>The channel mappings of a plugin instance (reference §4.3 routes 76–79).</summary>
internal static class PluginChannelsEndpoints
{
    public static void Map(RouteGroupBuilder plugins)
    {
        plugins.MapGet("/{public_id}/channels", async (string public_id, HttpContext context, ChannelMappingService service) =>
                (await service.ListAsync(public_id, context.RequestAborted).ConfigureAwait(false))
                    .Map(list => Replies.Json<IReadOnlyList<ChannelMappingResponse>>([.. list.Select(ChannelMappingResponse.From)],
                        PluginsJsonContext.Web.IReadOnlyListChannelMappingResponse)))
            .WithName("ListChannelMappings")
            .RequireAuthorization(WebMacsPolicies.Viewer)
            .Produces<IReadOnlyList<ChannelMappingResponse>>()
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status404NotFound);

        plugins.MapPost("/{public_id}/channels", async (string public_id, HttpContext context, ChannelMappingService service) =>
            {
                var (body, error) = await JsonBody.ReadAsync(context).ConfigureAwait(false);
                if (error is not null)
                {
                    return error;
                }

                using (body)
                {
                    var fields = new BodyValidator(body!.Root);
                    var channelId = fields.RequiredString("channel_id", 1, 100);
                    var channelName = fields.RequiredString("channel_name", 1, 255);
                    var direction = fields.RequiredEnum<ChannelDirection>("direction");
                    var unit = fields.RequiredString("unit", 1, 50);
                    var eventId = fields.OptionalString("event_public_id");
                    if (!fields.IsValid)
                    {
                        return fields.Result();
                    }

                    var draft = new ChannelMappingDraft(channelId!, channelName!, direction!.Value, unit!, eventId);
                    var created = await service.CreateAsync(public_id, draft, context.RequestAborted).ConfigureAwait(false);
                    return created.Map(() => Replies.Created("Channel mapping created."));
                }
            })
            .WithName("CreateChannelMapping")
            .RequireAuthorization(WebMacsPolicies.Admin)
            .Accepts<ChannelMappingCreateRequest>("application/json")
            .Produces<StatusResponse>(StatusCodes.Status201Created)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesValidationProblem(StatusCodes.Status422UnprocessableEntity);

        plugins.MapPut("/{public_id}/channels/{mapping_id}", async (string public_id, string mapping_id, HttpContext context, ChannelMappingService service) =>
            {
                var (body, error) = await JsonBody.ReadAsync(context).ConfigureAwait(false);
                if (error is not null)
                {
                    return error;
                }

                using (body)
                {
                    var fields = new BodyValidator(body!.Root);
                    var eventSent = fields.Has("event_public_id");
                    var eventId = fields.OptionalString("event_public_id");
                    if (!fields.IsValid)
                    {
                        return fields.Result();
                    }

                    var updated = await service.UpdateAsync(public_id, mapping_id, eventSent, eventId, context.RequestAborted).ConfigureAwait(false);
                    return updated.Map(() => Replies.Ok("Channel mapping successfully updated."));
                }
            })
            .WithName("UpdateChannelMapping")
            .RequireAuthorization(WebMacsPolicies.Admin)
            .Accepts<ChannelMappingUpdateRequest>("application/json")
            .Produces<StatusResponse>()
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesValidationProblem(StatusCodes.Status422UnprocessableEntity);

        plugins.MapDelete("/{public_id}/channels/{mapping_id}", async (string public_id, string mapping_id, HttpContext context, ChannelMappingService service) =>
                (await service.DeleteAsync(public_id, mapping_id, context.RequestAborted).ConfigureAwait(false)).Map(() => Replies.Ok("Channel mapping successfully deleted.")))
            .WithName("DeleteChannelMapping")
            .RequireAuthorization(WebMacsPolicies.Admin)
            .Produces<StatusResponse>()
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound);
    }
}
