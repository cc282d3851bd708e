using System.Globalization;
using Microsoft.AspNetCore.Http;
using WebMacs.AspNetCore.Http;
using WebMacs.Ota;

namespace WebMacs.AspNetCore.Endpoints;

/// <summary>
/// <c>POST /api/v1/ota/upload</c> (reference §4.3 route 58): streams the <c>file</c> part straight to the update folder
/// (<see cref="MultipartFileUpload"/>), so a 500 MiB bundle never sits in memory or in a temporary file.
/// </summary>
internal static class OtaBundleUpload
{
    public static Task<IResult> HandleAsync(HttpContext context, BundleStore store) =>
        MultipartFileUpload.HandleAsync(context, store.MaxBytes, store.TooLargeMessage, (fileName, content, cancellationToken) => SaveAsync(store, fileName, content, cancellationToken));

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
}
