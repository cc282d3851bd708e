using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Net.Http.Headers;

namespace WebMacs.AspNetCore.Http;

/// <summary>
/// Reads a multipart upload section by section and hands the <c>file</c> part's stream to a saver, so a large file never
/// sits in memory or in a temporary file (the OTA bundle and plugin package uploads). Errors answer as the original:
/// a missing part → 422 "Field required", a text field instead of a file → 422, an unreadable body → 400, a body over
/// the limit → 413 with <c>tooLargeMessage</c>.
/// </summary>
internal static class MultipartFileUpload
{
    private const string FieldName = "file";

    /// <summary>Room for the multipart boundaries and headers around the file within the request size limit.</summary>
    private const long FormOverheadBytes = 1024 * 1024;

    public static async Task<IResult> HandleAsync(
        HttpContext context, long maxBytes, string tooLargeMessage, Func<string, Stream, CancellationToken, Task<IResult>> save)
    {
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } sizeLimit)
        {
            sizeLimit.MaxRequestBodySize = maxBytes > long.MaxValue - FormOverheadBytes ? null : maxBytes + FormOverheadBytes;
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
                return await save(fileName, section.Body, context.RequestAborted).ConfigureAwait(false);
            }
        }
        catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return Problems.Result(StatusCodes.Status413PayloadTooLarge, tooLargeMessage);
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
