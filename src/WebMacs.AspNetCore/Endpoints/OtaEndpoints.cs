using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using WebMacs.AspNetCore.Http;
using WebMacs.AspNetCore.Security;
using WebMacs.Ota;

namespace WebMacs.AspNetCore.Endpoints;

/// <summary>
/// Firmware records, the update check and bundle uploads (reference §4.3 routes 51–58, §6.8). The literal paths
/// <c>/check</c> and <c>/upload</c> take precedence over <c>/{public_id}</c> by routing rules.
/// </summary>
internal static class OtaEndpoints
{
    public static void Map(IEndpointRouteBuilder api)
    {
        var ota = api.MapGroup("/ota").WithTags("OTA");

        ota.MapGet(string.Empty, async (HttpContext context, FirmwareService service) =>
            {
                var query = new QueryValidator(context.Request);
                var page = query.Page();
                if (!query.IsValid)
                {
                    return query.Result();
                }

                var result = await service.ListAsync(page.Skip, page.PageSize, context.RequestAborted).ConfigureAwait(false);
                return Replies.Json(
                    new Paginated<FirmwareUpdateResponse>(page.Page, page.PageSize, result.Total, [.. result.Items.Select(FirmwareUpdateResponse.From)]),
                    OtaJsonContext.Web.PaginatedFirmwareUpdateResponse);
            })
            .WithName("ListFirmwareUpdates")
            .RequireAuthorization(WebMacsPolicies.Admin)
            .Produces<Paginated<FirmwareUpdateResponse>>()
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesValidationProblem(StatusCodes.Status422UnprocessableEntity);

        ota.MapPost(string.Empty, async (HttpContext context, FirmwareService service) =>
            {
                var (body, error) = await JsonBody.ReadAsync(context).ConfigureAwait(false);
                if (error is not null)
                {
                    return error;
                }

                using (body)
                {
                    var fields = new BodyValidator(body!.Root);
                    var version = fields.RequirePattern("version", fields.RequiredString("version", 1, 50), FirmwareVersion.Strict, FirmwareVersion.PatternText);
                    var changelog = fields.OptionalString("changelog");
                    if (!fields.IsValid)
                    {
                        return fields.Result();
                    }

                    var created = await service.CreateAsync(context.GetWebMacsCaller().User, version!, changelog, context.RequestAborted).ConfigureAwait(false);
                    return created.Map(() => Replies.Created("Firmware update successfully registered."));
                }
            })
            .WithName("CreateFirmwareUpdate")
            .RequireAuthorization(WebMacsPolicies.Admin)
            .Accepts<FirmwareCreateRequest>("application/json")
            .Produces<StatusResponse>(StatusCodes.Status201Created)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesValidationProblem(StatusCodes.Status422UnprocessableEntity);

        ota.MapGet("/check", async (HttpContext context, UpdateCheckService service) =>
                Replies.Json(UpdateCheckResponse.From(await service.CheckAsync(context.RequestAborted).ConfigureAwait(false)), OtaJsonContext.Web.UpdateCheckResponse))
            .WithName("CheckForUpdates")
            .RequireAuthorization(WebMacsPolicies.Viewer)
            .Produces<UpdateCheckResponse>()
            .ProducesProblem(StatusCodes.Status401Unauthorized);

        ota.MapGet("/{public_id}", async (string public_id, HttpContext context, FirmwareService service) =>
                (await service.GetAsync(public_id, context.RequestAborted).ConfigureAwait(false))
                    .Map(view => Replies.Json(FirmwareUpdateResponse.From(view), OtaJsonContext.Web.FirmwareUpdateResponse)))
            .WithName("GetFirmwareUpdate")
            .RequireAuthorization(WebMacsPolicies.Admin)
            .Produces<FirmwareUpdateResponse>()
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound);

        ota.MapPost("/{public_id}/apply", ApplyAsync)
            .WithName("ApplyFirmwareUpdate")
            .RequireAuthorization(WebMacsPolicies.Admin)
            .Accepts<FirmwareApplyRequest>(isOptional: true, "application/json")
            .Produces<StatusResponse>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesValidationProblem(StatusCodes.Status422UnprocessableEntity);

        ota.MapPost("/{public_id}/rollback", async (string public_id, HttpContext context, FirmwareService service) =>
                (await service.RollbackAsync(public_id, context.RequestAborted).ConfigureAwait(false)).Map(() => Replies.Ok("Firmware update rolled back successfully.")))
            .WithName("RollbackFirmwareUpdate")
            .RequireAuthorization(WebMacsPolicies.Admin)
            .Produces<StatusResponse>()
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);

        ota.MapDelete("/{public_id}", async (string public_id, HttpContext context, FirmwareService service) =>
                (await service.DeleteAsync(public_id, context.RequestAborted).ConfigureAwait(false)).Map(() => Replies.Ok("FirmwareUpdate successfully deleted.")))
            .WithName("DeleteFirmwareUpdate")
            .RequireAuthorization(WebMacsPolicies.Admin)
            .Produces<StatusResponse>()
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound);

        ota.MapPost("/upload", OtaBundleUpload.HandleAsync)
            .WithName("UploadUpdateBundle")
            .RequireAuthorization(WebMacsPolicies.Admin)
            // "*/*" too: any other body reaches the handler, which answers the contract's 422 instead of a bare 415.
            .Accepts<IFormFile>("multipart/form-data", "*/*")
            .Produces<StatusResponse>(StatusCodes.Status201Created)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesValidationProblem(StatusCodes.Status422UnprocessableEntity);
    }

    /// <summary>Route 55. No body, an empty body, <c>{}</c> and <c>null</c> all mean "no download".</summary>
    private static async Task<IResult> ApplyAsync(string public_id, HttpContext context, FirmwareService service)
    {
        string? downloadUrl = null;
        string? expectedHash = null;
        if (context.Request.ContentLength is not 0)
        {
            var (body, error) = await JsonBody.ReadAsync(context).ConfigureAwait(false);
            if (error is Problems.IValidationProblem { FirstType: "missing" })
            {
                // An empty (chunked) body: the optional body was not sent.
            }
            else if (error is not null)
            {
                return error;
            }
            else
            {
                using (body)
                {
                    if (body!.Root.ValueKind != System.Text.Json.JsonValueKind.Null)
                    {
                        var fields = new BodyValidator(body.Root);
                        downloadUrl = fields.OptionalString("download_url", 0, 2048);
                        expectedHash = fields.OptionalString("file_hash_sha256", 64, 64);
                        if (!fields.IsValid)
                        {
                            return fields.Result();
                        }
                    }
                }
            }
        }

        return (await service.ApplyAsync(public_id, downloadUrl, expectedHash, context.RequestAborted).ConfigureAwait(false))
            .Map(() => Replies.Ok("Firmware update applied successfully."));
    }
}
