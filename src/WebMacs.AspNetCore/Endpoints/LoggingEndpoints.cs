using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using WebMacs.AspNetCore.Http;
using WebMacs.AspNetCore.Security;
using WebMacs.Domain;
using WebMacs.LogEntries;

namespace WebMacs.AspNetCore.Endpoints;

/// <summary>The operator log (reference §4.3 routes 36–39; there is no delete route).</summary>
internal static class LoggingEndpoints
{
    public static void Map(IEndpointRouteBuilder api)
    {
        var logging = api.MapGroup("/logging").WithTags("Logging");

        logging.MapGet(string.Empty, (HttpContext context, LogEntryService service) =>
                context.PageAsync((page, ct) => service.ListAsync(page.Skip, page.PageSize, ct), LogEntryResponse.From, WebMacsJsonContext.Web.PaginatedLogEntryResponse))
            .WithName("ListLogEntries")
            .ForViewers()
            .ProducesPage<LogEntryResponse>();

        logging.MapPost(string.Empty, (HttpContext context, LogEntryService service) =>
                context.WithBodyAsync(
                    // The type defaults to info when omitted; an explicit null is not a type (the original's schema refuses it).
                    fields => (
                        Content: fields.RequiredString("content", 1, LogEntryService.MaxContentLength),
                        Type: fields.Has("logging_type") ? fields.RequiredEnum<LoggingType>("logging_type") : LoggingType.Info),
                    async body => (await service.CreateAsync(context.GetWebMacsCaller().User, body.Content!, body.Type!.Value, context.RequestAborted).ConfigureAwait(false))
                        .Map(_ => Replies.Created("Log entry successfully created."))))
            .WithName("CreateLogEntry")
            .ForOperators()
            .WithJsonBody<LogEntryCreateRequest>()
            .Produces<StatusResponse>(StatusCodes.Status201Created);

        logging.MapGet("/{public_id}", async (string public_id, HttpContext context, LogEntryService service) =>
                (await service.GetAsync(public_id, context.RequestAborted).ConfigureAwait(false))
                    .Map(row => Replies.Json(LogEntryResponse.From(row), WebMacsJsonContext.Web.LogEntryResponse)))
            .WithName("GetLogEntry")
            .ForViewers()
            .Produces<LogEntryResponse>()
            .ProducesProblem(StatusCodes.Status404NotFound);

        // Over 500 characters is refused as on create (a compat fix: the original failed in the database with 500).
        logging.MapPut("/{public_id}", (string public_id, HttpContext context, LogEntryService service) =>
                context.WithBodyAsync(
                    fields => new LogEntryChanges(
                        fields.OptionalEnum<StatusType>("status_type"),
                        fields.OptionalString("content", 0, LogEntryService.MaxContentLength),
                        NullSent: fields.IsNull("status_type") || fields.IsNull("content")),
                    async changes => (await service.UpdateAsync(public_id, changes, context.RequestAborted).ConfigureAwait(false))
                        .Map(() => Replies.Ok("LogEntry successfully updated."))))
            .WithName("UpdateLogEntry")
            .ForOperators()
            .WithJsonBody<LogEntryUpdateRequest>()
            .Produces<StatusResponse>()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
    }
}
