using System.Buffers;
using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace WebMacs.AspNetCore.Http;

/// <summary>
/// Reads a request body as one JSON document, bounded in size and depth. Anything that is not JSON (bad syntax,
/// invalid UTF-8, too deep) answers 422 in the original's format; a body over the limit answers 413.
/// </summary>
internal sealed class JsonBody : IDisposable
{
    public const int DefaultMaxBytes = 1024 * 1024;
    private static readonly JsonDocumentOptions Options = new() { MaxDepth = 64, AllowTrailingCommas = false, CommentHandling = JsonCommentHandling.Disallow };

    private readonly JsonDocument document;

    private JsonBody(JsonDocument document) => this.document = document;

    public JsonElement Root => document.RootElement;

    public static async Task<(JsonBody? Body, IResult? Error)> ReadAsync(HttpContext context, int maxBytes = DefaultMaxBytes)
    {
        var request = context.Request;
        if (request.ContentLength > maxBytes)
        {
            return (null, TooLarge(maxBytes));
        }

        var buffer = ArrayPool<byte>.Shared.Rent(Math.Min(maxBytes + 1, (int?)request.ContentLength + 1 ?? 16 * 1024));
        try
        {
            var length = 0;
            while (true)
            {
                if (length == buffer.Length)
                {
                    if (buffer.Length > maxBytes)
                    {
                        return (null, TooLarge(maxBytes));
                    }

                    var larger = ArrayPool<byte>.Shared.Rent(Math.Min(buffer.Length * 2, maxBytes + 1));
                    buffer.AsSpan(0, length).CopyTo(larger);
                    ArrayPool<byte>.Shared.Return(buffer);
                    buffer = larger;
                }

                var read = await request.Body.ReadAsync(buffer.AsMemory(length), context.RequestAborted).ConfigureAwait(false);
                if (read == 0)
                {
                    break;
                }

                length += read;
                if (length > maxBytes)
                {
                    return (null, TooLarge(maxBytes));
                }
            }

            if (length == 0)
            {
                return (null, Problems.Validation([new ValidationError("missing", ["body"], "Field required", null)]));
            }

            // System.Text.Json checks UTF-8 only in the strings it decodes, so bytes in an ignored field would pass.
            if (FirstInvalidUtf8(buffer.AsSpan(0, length)) is var invalid and >= 0)
            {
                return (null, Problems.Validation(
                [
                    new ValidationError("json_invalid", ["body", invalid], "JSON decode error", EmptyObject(),
                        new Dictionary<string, object> { ["error"] = "Invalid UTF-8" }),
                ]));
            }

            try
            {
                var document = JsonDocument.Parse(buffer.AsMemory(0, length), Options);
                if (BodyValidator.RefuseUnpairedSurrogates(document.RootElement) is { } unreadable)
                {
                    // Checked once for every body: an unpaired surrogate cannot be stored, nor echoed in an error.
                    document.Dispose();
                    return (null, unreadable);
                }

                return (new JsonBody(document), null);
            }
            catch (JsonException ex)
            {
                var position = (int)(ex.BytePositionInLine ?? 0);
                return (null, Problems.Validation(
                [
                    new ValidationError("json_invalid", ["body", position], "JSON decode error", EmptyObject(),
                        new Dictionary<string, object> { ["error"] = FirstSentence(ex.Message) }),
                ]));
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    public void Dispose() => document.Dispose();

    /// <summary>
    /// Finds a JSON syntax error in a request body without consuming it (the body is buffered and rewound). The
    /// original answers such bodies with 422 even before it checks credentials; size problems are left to the handler.
    /// </summary>
    public static async Task<IResult?> FindSyntaxErrorAsync(HttpContext context)
    {
        var request = context.Request;
        var hasBody = request.ContentLength > 0 || (request.ContentLength is null && request.Headers.TransferEncoding.Count > 0);
        if (!hasBody || request.ContentLength > DefaultMaxBytes || (request.ContentType?.StartsWith("multipart/", StringComparison.OrdinalIgnoreCase) ?? false)
            || !(HttpMethods.IsPost(request.Method) || HttpMethods.IsPut(request.Method) || HttpMethods.IsPatch(request.Method)))
        {
            return null;
        }

        request.EnableBuffering(DefaultMaxBytes);
        var (body, error) = await ReadAsync(context).ConfigureAwait(false);
        body?.Dispose();
        request.Body.Position = 0;
        return error is Problems.IValidationProblem { FirstType: "json_invalid" } ? error : null;
    }

    internal static JsonElement EmptyObject()
    {
        using var doc = JsonDocument.Parse("{}");
        return doc.RootElement.Clone();
    }

    private static int FirstInvalidUtf8(ReadOnlySpan<byte> bytes)
    {
        if (System.Text.Unicode.Utf8.IsValid(bytes))
        {
            return -1;
        }

        var index = 0;
        while (System.Text.Rune.DecodeFromUtf8(bytes[index..], out _, out var consumed) == OperationStatus.Done)
        {
            index += consumed;
        }

        return index;
    }

    private static IResult TooLarge(int maxBytes) =>
        Problems.Result(StatusCodes.Status413PayloadTooLarge, $"Request body too large (limit {maxBytes} bytes).");

    private static string FirstSentence(string message)
    {
        var end = message.IndexOf(". ", StringComparison.Ordinal);
        return end < 0 ? message : message[..(end + 1)];
    }
}
