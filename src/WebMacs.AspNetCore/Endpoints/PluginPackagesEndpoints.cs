using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using WebMacs.AspNetCore.Http;
using WebMacs.Plugins;

namespace WebMacs.AspNetCore.Endpoints;

/// <summary>
/// Plugin packages (reference §4.3 routes 68–70, §6.5): list, upload a <c>.nupkg</c> (<see cref="PluginPackageUpload"/>),
/// remove, and — an addition of the port — download the stored package, which is how a controller fetches the
/// packages the backend offers (<c>X-Package-Sha256</c> carries the file's SHA-256).
/// </summary>
internal static class PluginPackagesEndpoints
{
    /// <summary>The response header carrying the downloaded package's SHA-256 (lowercase hex).</summary>
    public const string Sha256Header = PluginPackageFiles.Sha256Header;

    public static void Map(RouteGroupBuilder plugins)
    {
        plugins.MapGet("/packages", async (HttpContext context, PluginPackageService service) =>
            {
                var packages = await service.ListAsync(context.RequestAborted).ConfigureAwait(false);
                return Replies.Json<IReadOnlyList<PluginPackageResponse>>([.. packages.Select(PluginPackageResponse.From)],
                    WebMacsJsonContext.Web.IReadOnlyListPluginPackageResponse);
            })
            .WithName("ListPluginPackages")
            .ForViewers()
            .Produces<IReadOnlyList<PluginPackageResponse>>();

        plugins.MapPost("/packages/upload", PluginPackageUpload.HandleAsync)
            .WithName("UploadPluginPackage")
            .ForAdmins()
            .Accepts<IFormFile>("multipart/form-data", "*/*")
            .Produces<StatusResponse>(StatusCodes.Status201Created)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);

        plugins.MapGet("/packages/{public_id}/download", async (string public_id, HttpContext context, PluginPackageService service) =>
                (await service.FindFileAsync(public_id, context.RequestAborted).ConfigureAwait(false)).Map(file =>
                {
                    context.Response.Headers[Sha256Header] = file.Sha256;
                    return Results.File(file.Path, "application/octet-stream", file.FileName);
                }))
            .WithName("DownloadPluginPackage")
            .ForViewers()
            .Produces(StatusCodes.Status200OK, contentType: "application/octet-stream")
            .ProducesProblem(StatusCodes.Status404NotFound);

        plugins.MapDelete("/packages/{public_id}", async (string public_id, HttpContext context, PluginPackageService service) =>
                (await service.DeleteAsync(public_id, context.RequestAborted).ConfigureAwait(false))
                    .Map(name => Replies.Ok($"Plugin package '{name}' uninstalled. Restart the controller to apply.")))
            .WithName("UninstallPluginPackage")
            .ForAdmins()
            .Produces<StatusResponse>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound);
    }
}
