using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.Http;
using WebMacs.Common;

namespace WebMacs.AspNetCore.Http;

/// <summary>The two shapes every WebMacs handler shares: "validate a JSON body, then act" and "answer one page of a list".</summary>
internal static class RequestHandling
{
    /// <summary>
    /// Reads the JSON body, lets <paramref name="read"/> take its fields through a <see cref="BodyValidator"/>, and calls
    /// <paramref name="handle"/> only when every field is valid; otherwise answers the 413/422 the body deserves.
    /// </summary>
    public static async Task<IResult> WithBodyAsync<T>(this HttpContext context, Func<BodyValidator, T> read, Func<T, Task<IResult>> handle)
    {
        var (body, error) = await JsonBody.ReadAsync(context).ConfigureAwait(false);
        if (error is not null)
        {
            return error;
        }

        using (body)
        {
            var fields = new BodyValidator(body!.Root);
            var value = read(fields);
            return fields.IsValid ? await handle(value).ConfigureAwait(false) : fields.Result();
        }
    }

    /// <summary>Validates <c>page</c>/<c>page_size</c>, runs <paramref name="list"/> and answers <c>{page, page_size, total, data}</c>.</summary>
    public static async Task<IResult> PageAsync<TItem, TResponse>(
        this HttpContext context,
        Func<PageRequest, CancellationToken, Task<PageResult<TItem>>> list,
        Func<TItem, TResponse> map,
        JsonTypeInfo<Paginated<TResponse>> typeInfo)
    {
        var query = new QueryValidator(context.Request);
        var page = query.Page();
        if (!query.IsValid)
        {
            return query.Result();
        }

        var result = await list(page, context.RequestAborted).ConfigureAwait(false);
        return Replies.Json(new Paginated<TResponse>(page.Page, page.PageSize, result.Total, [.. result.Items.Select(map)]), typeInfo);
    }
}
