using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Net.Http.Headers;
using WebMacs.AspNetCore.Http;
using WebMacs.AspNetCore.Security;
using WebMacs.Plugins;

namespace WebMacs.AspNetCore.Endpoints;

/// <summary>
/// <c>POST /api/v1/plugins/packages/upload</c> (reference §4.3 route 69, §6.5 adapted to <c>.nupkg</c>): reads the
/// multipart body section by section and streams the <c>file</c> part to the package folder, where it is validated,
/// recorded and loaded. 400 not a .nupkg, 413 too large, 422 malformed (the detail says why), 409 already installed.
/// </summary>
internal static class PluginPackageUpload
{
    private const string FieldName = "file";

    /// <summary>Room for the multipart boundaries and headers around the file within the request size limit.</summary>
    private const long FormOverheadBytes = 1024 * 1024;

    public static async Task<IResult> HandleAsync(HttpContext context, PluginPackageService service)
    {
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } sizeLimit)
        {
            sizeLimit.MaxRequestBodySize = service.MaxPackageBytes > long.MaxValue - FormOverheadBytes ? null : service.MaxPackageBytes + FormOverheadBytes;
        }

        if (!MediaTypeHeaderValue.TryParse(context.Request.ContentType, out var contentType)
            || !contentType.MediaType.Equals("multipart/form-data", StringComparison.OrdinalIgnoreCase)
            || HeaderUtilities.RemoveQuotes(contentType.Boundary) is not { Length: > 0 and <= 200 } boundary)
        {
            return MissingFile();
        }

        try
        {
            var reader = new MultipartReader(boundary.Value!, context.Request.Body);
            while (await reader.ReadNextSectionAsync(context.RequestAborted).ConfigureAwait(false) is { } section)
            {
                if (!ContentDispositionHeaderValue.TryParse(section.ContentDisposition, out var disposition)
                    || !disposition.DispositionType.Equals("form-data", StringComparison.OrdinalIgnoreCase)
                    || !string.Equals(HeaderUtilities.RemoveQuotes(disposition.Name).Value, FieldName, StringComparison.Ordinal))
                {
                    continue;
                }

                if (!disposition.FileName.HasValue && !disposition.FileNameStar.HasValue)
                {
                    return Problems.Validation([new ValidationError("value_error", ["body", FieldName], "Value error, Expected UploadFile, received: <class 'str'>",
                        JsonSerializer.SerializeToElement("<form field>", WebMacsJsonContext.Web.String),
                        new Dictionary<string, object> { ["error"] = "Expected UploadFile, received: <class 'str'>" })]);
                }

                var fileName = HeaderUtilities.RemoveQuotes(disposition.FileNameStar.HasValue ? disposition.FileNameStar : disposition.FileName).Value ?? string.Empty;
                var result = await service.UploadAsync(fileName, section.Body, context.GetWebMacsCaller().User.Id, context.RequestAborted).ConfigureAwait(false);
                return result.Status switch
                {
                    PluginPackageUploadStatus.Installed => Replies.Created(result.Detail),
                    PluginPackageUploadStatus.NotAPackage => Problems.Result(StatusCodes.Status400BadRequest, result.Detail),
                    PluginPackageUploadStatus.TooLarge => Problems.Result(StatusCodes.Status413PayloadTooLarge, result.Detail),
                    PluginPackageUploadStatus.Conflict => Problems.Result(StatusCodes.Status409Conflict, result.Detail),
                    _ => Problems.Result(StatusCodes.Status422UnprocessableEntity, result.Detail),
                };
            }
        }
        catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return Problems.Result(StatusCodes.Status413PayloadTooLarge, service.TooLargeMessage);
        }
        catch (Exception ex) when (ex is InvalidDataException or BadHttpRequestException || (ex is IOException && !context.RequestAborted.IsCancellationRequested))
        {
            return Problems.Result(StatusCodes.Status400BadRequest, "There was an error parsing the body");
        }

        return MissingFile();
    }

    private static IResult MissingFile() =>
        Problems.Validation([new ValidationError("missing", ["body", FieldName], "Field required", null)]);
}
