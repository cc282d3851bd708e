using Microsoft.AspNetCore.Http;
using WebMacs.AspNetCore.Http;
using WebMacs.AspNetCore.Security;
using WebMacs.Plugins;

namespace WebMacs.AspNetCore.Endpoints;

/// <summary>
/// <c>POST /api/v1/plugins/packages/upload</c> (reference §4.3 route 69, §6.5 adapted to <c>.nupkg</c>): streams the
/// <c>file</c> part (<see cref="MultipartFileUpload"/>) to the package folder, where it is validated, recorded and
/// loaded. 400 not a .nupkg, 413 too large, 422 malformed (the detail says why), 409 already installed.
/// </summary>
internal static class PluginPackageUpload
{
    public static Task<IResult> HandleAsync(HttpContext context, PluginPackageService service) =>
        MultipartFileUpload.HandleAsync(context, service.MaxPackageBytes, service.TooLargeMessage, async (fileName, content, cancellationToken) =>
        {
            var result = await service.UploadAsync(fileName, content, context.GetWebMacsCaller().User.Id, cancellationToken).ConfigureAwait(false);
            return result.Status switch
            {
                PluginPackageUploadStatus.Installed => Replies.Created(result.Detail),
                PluginPackageUploadStatus.NotAPackage => Problems.Result(StatusCodes.Status400BadRequest, result.Detail),
                PluginPackageUploadStatus.TooLarge => Problems.Result(StatusCodes.Status413PayloadTooLarge, result.Detail),
                PluginPackageUploadStatus.Conflict => Problems.Result(StatusCodes.Status409Conflict, result.Detail),
                _ => Problems.Result(StatusCodes.Status422UnprocessableEntity, result.Detail),
            };
        });
}
