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

        logging.MapGet(string.Empty, async (HttpContext context, LogEntryService service) =>
            {
                var query = new QueryValidator(context.Request);
                var page = query.Page();
                if (!query.IsValid)
                {
                    return query.Result();
                }

                var result = await service.ListAsync(page.Skip, page.PageSize, context.RequestAborted).ConfigureAwait(false);
                return Replies.Json(
                    new Paginated<LogEntryResponse>(page.Page, page.PageSize, result.Total, [.. result.Items.Select(LogEntryResponse.From)]),
                    LoggingJsonContext.Web.PaginatedLogEntryResponse);
            })
            .WithName("ListLogEntries")
            .RequireAuthorization(WebMacsPolicies.Viewer)
            .Produces<Paginated<LogEntryResponse>>()
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesValidationProblem(StatusCodes.Status422UnprocessableEntity);

        logging.MapPost(string.Empty, async (HttpContext context, LogEntryService service) =>
            {
                var (body, error) = await JsonBody.ReadAsync(context).ConfigureAwait(false);
                if (error is not null)
                {
                    return error;
                }

                using (body)
                {
                    var fields = new BodyValidator(body!.Root);
                    var content = fields.RequiredString("content", 1, LogEntryService.MaxContentLength);

                    // The type defaults to info when omitted; an explicit null is not a type (the original's schema refuses it).
                    var type = fields.Has("logging_type") ? fields.RequiredEnum<LoggingType>("logging_type") : LoggingType.Info;
                    if (!fields.IsValid)
                    {
                        return fields.Result();
                    }

                    var created = await service.CreateAsync(context.GetWebMacsCaller().User, content!, type!.Value, context.RequestAborted).ConfigureAwait(false);
                    return created.Map(_ => Replies.Created("Log entry successfully created."));
                }
            })
            .WithName("CreateLogEntry")
            .RequireAuthorization(WebMacsPolicies.Operator)
            .Accepts<LogEntryCreateRequest>("application/json")
            .Produces<StatusResponse>(StatusCodes.Status201Created)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesValidationProblem(StatusCodes.Status422UnprocessableEntity);

        logging.MapGet("/{public_id}", async (string public_id, HttpContext context, LogEntryService service) =>
                (await service.GetAsync(public_id, context.RequestAborted).ConfigureAwait(false))
                    .Map(row => Replies.Json(LogEntryResponse.From(row), LoggingJsonContext.Web.LogEntryResponse)))
            .WithName("GetLogEntry")
            .RequireAuthorization(WebMacsPolicies.Viewer)
            .Produces<LogEntryResponse>()
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status404NotFound);

        logging.MapPut("/{public_id}", async (string public_id, HttpContext context, LogEntryService service) =>
            {
                var (body, error) = await JsonBody.ReadAsync(context).ConfigureAwait(false);
                if (error is not null)
                {
                    return error;
                }

                using (body)
                {
                    var fields = new BodyValidator(body!.Root);

                    // Over 500 characters is refused as on create (a compat fix: the original failed in the database with 500).
                    var changes = new LogEntryChanges(
                        fields.OptionalEnum<StatusType>("status_type"),
                        fields.OptionalString("content", 0, LogEntryService.MaxContentLength),
                        NullSent: fields.IsNull("status_type") || fields.IsNull("content"));
                    if (!fields.IsValid)
                    {
                        return fields.Result();
                    }

                    var updated = await service.UpdateAsync(public_id, changes, context.RequestAborted).ConfigureAwait(false);
                    return updated.Map(() => Replies.Ok("LogEntry successfully updated."));
                }
            })
            .WithName("UpdateLogEntry")
            .RequireAuthorization(WebMacsPolicies.Operator)
            .Accepts<LogEntryUpdateRequest>("application/json")
            .Produces<StatusResponse>()
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesValidationProblem(StatusCodes.Status422UnprocessableEntity);
    }
}
