using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Net.Http.Headers;
using WebMacs.AspNetCore.Http;
using WebMacs.Ota;

namespace WebMacs.AspNetCore.Endpoints;

/// <summary>
/// <c>POST /api/v1/ota/upload</c> (reference §4.3 route 58): reads the multipart body section by section and streams
/// the <c>file</c> part straight to the update folder, so a 500 MiB bundle never sits in memory or in a temporary file.
/// </summary>
internal static class OtaBundleUpload
{
    private const string FieldName = "file";

    /// <summary>Room for the multipart boundaries and headers around the file within the request size limit.</summary>
    private const long FormOverheadBytes = 1024 * 1024;

    public static async Task<IResult> HandleAsync(HttpContext context, BundleStore store)
    {
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } sizeLimit)
        {
            sizeLimit.MaxRequestBodySize = store.MaxBytes > long.MaxValue - FormOverheadBytes ? null : store.MaxBytes + FormOverheadBytes;
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
                return await SaveAsync(store, fileName, section.Body, context.RequestAborted).ConfigureAwait(false);
            }
        }
        catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return Problems.Result(StatusCodes.Status413PayloadTooLarge, store.TooLargeMessage);
        }
        catch (Exception ex) when (ex is InvalidDataException or BadHttpRequestException || (ex is IOException && !context.RequestAborted.IsCancellationRequested))
        {
            return Problems.Result(StatusCodes.Status400BadRequest, "There was an error parsing the body");
        }

        return MissingFile();
    }

    private static async Task<IResult> SaveAsync(BundleStore store, string fileName, Stream content, CancellationToken cancellationToken)
    {
        if (!fileName.EndsWith(BundleStore.Suffix, StringComparison.Ordinal))
        {
            return Problems.Result(StatusCodes.Status400BadRequest, "File must be a .tar.gz update bundle.");
        }

        var saved = await store.SaveAsync(fileName, content, cancellationToken).ConfigureAwait(false);
        return saved.Status switch
        {
            BundleSaveStatus.Saved => Replies.Created(string.Create(CultureInfo.InvariantCulture,
                $"Bundle '{saved.FileName}' uploaded ({saved.Size:N0} bytes). Update will be applied automatically.")),
            BundleSaveStatus.Exists => Problems.Result(StatusCodes.Status409Conflict, $"Bundle '{saved.FileName}' already exists."),
            BundleSaveStatus.TooLarge => Problems.Result(StatusCodes.Status413PayloadTooLarge, store.TooLargeMessage),
            _ => Problems.Result(StatusCodes.Status400BadRequest, "File must be a .tar.gz update bundle."),
        };
    }

    private static IResult MissingFile() =>
        Problems.Validation([new ValidationError("missing", ["body", FieldName], "Field required", null)]);
}
