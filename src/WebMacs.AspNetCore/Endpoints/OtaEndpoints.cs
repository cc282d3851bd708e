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

        ota.MapGet(string.Empty, (HttpContext context, FirmwareService service) =>
                context.PageAsync((page, ct) => service.ListAsync(page.Skip, page.PageSize, ct), FirmwareUpdateResponse.From,
                    WebMacsJsonContext.Web.PaginatedFirmwareUpdateResponse))
            .WithName("ListFirmwareUpdates")
            .ForAdmins()
            .ProducesPage<FirmwareUpdateResponse>();

        ota.MapPost(string.Empty, (HttpContext context, FirmwareService service) =>
                context.WithBodyAsync(
                    fields => (
                        Version: fields.RequirePattern("version", fields.RequiredString("version", 1, 50), FirmwareVersion.Strict, FirmwareVersion.PatternText),
                        Changelog: fields.OptionalString("changelog")),
                    async body => (await service.CreateAsync(context.GetWebMacsCaller().User, body.Version!, body.Changelog, context.RequestAborted).ConfigureAwait(false))
                        .Map(() => Replies.Created("Firmware update successfully registered."))))
            .WithName("CreateFirmwareUpdate")
            .ForAdmins()
            .WithJsonBody<FirmwareCreateRequest>()
            .Produces<StatusResponse>(StatusCodes.Status201Created)
            .ProducesProblem(StatusCodes.Status409Conflict);

        ota.MapGet("/check", async (HttpContext context, UpdateCheckService service) =>
                Replies.Json(UpdateCheckResponse.From(await service.CheckAsync(context.RequestAborted).ConfigureAwait(false)), WebMacsJsonContext.Web.UpdateCheckResponse))
            .WithName("CheckForUpdates")
            .ForViewers()
            .Produces<UpdateCheckResponse>();

        ota.MapGet("/{public_id}", async (string public_id, HttpContext context, FirmwareService service) =>
                (await service.GetAsync(public_id, context.RequestAborted).ConfigureAwait(false))
                    .Map(view => Replies.Json(FirmwareUpdateResponse.From(view), WebMacsJsonContext.Web.FirmwareUpdateResponse)))
            .WithName("GetFirmwareUpdate")
            .ForAdmins()
            .Produces<FirmwareUpdateResponse>()
            .ProducesProblem(StatusCodes.Status404NotFound);

        ota.MapPost("/{public_id}/apply", ApplyAsync)
            .WithName("ApplyFirmwareUpdate")
            .ForAdmins()
            .Accepts<FirmwareApplyRequest>(isOptional: true, "application/json")
            .Produces<StatusResponse>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesValidationProblem(StatusCodes.Status422UnprocessableEntity);

        ota.MapPost("/{public_id}/rollback", async (string public_id, HttpContext context, FirmwareService service) =>
                (await service.RollbackAsync(public_id, context.RequestAborted).ConfigureAwait(false)).Map(() => Replies.Ok("Firmware update rolled back successfully.")))
            .WithName("RollbackFirmwareUpdate")
            .ForAdmins()
            .Produces<StatusResponse>()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);

        ota.MapDelete("/{public_id}", async (string public_id, HttpContext context, FirmwareService service) =>
                (await service.DeleteAsync(public_id, context.RequestAborted).ConfigureAwait(false)).Map(() => Replies.Ok("FirmwareUpdate successfully deleted.")))
            .WithName("DeleteFirmwareUpdate")
            .ForAdmins()
            .Produces<StatusResponse>()
            .ProducesProblem(StatusCodes.Status404NotFound);

        ota.MapPost("/upload", OtaBundleUpload.HandleAsync)
            .WithName("UploadUpdateBundle")
            .ForAdmins()
            // "*/*" too: any other body reaches the handler, which answers the contract's 422 instead of a bare 415.
            .Accepts<IFormFile>("multipart/form-data", "*/*")
            .Produces<StatusResponse>(StatusCodes.Status201Created)
            .ProducesProblem(StatusCodes.Status400BadRequest)
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
