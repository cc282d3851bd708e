using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using WebMacs.AspNetCore.Http;
using WebMacs.Plugins;

namespace WebMacs.AspNetCore.Endpoints;

/// <summary>
/// Plugin packages (reference §4.3 routes 68–70). Python wheels cannot be installed into a .NET host, so uploading
/// answers 400 (a documented status of the route) for now; listing and removing recorded packages work as in the original.
/// </summary>
internal static class PluginPackagesEndpoints
{
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

        plugins.MapPost("/packages/upload", () => Problems.Result(StatusCodes.Status400BadRequest, "Plugin package upload is not supported yet."))
            .WithName("UploadPluginPackage")
            .ForAdmins()
            .Accepts<IFormFile>("multipart/form-data", "*/*")
            .ProducesProblem(StatusCodes.Status400BadRequest);

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
