using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Net.Http.Headers;
using WebMacs.Experiments;

namespace WebMacs.AspNetCore.Endpoints;

/// <summary>
/// Streams an experiment's CSV export (reference §4.4) straight from the store to the response body, chunk by chunk,
/// without holding the rows in memory.
/// </summary>
internal sealed class ExperimentCsvResult(ExperimentCsvExporter exporter, ExperimentCsvFile file) : IResult, IStatusCodeHttpResult, IContentTypeHttpResult
{
    public int? StatusCode => StatusCodes.Status200OK;

    public string ContentType => ExperimentCsv.ContentType;

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        var response = httpContext.Response;
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = ExperimentCsv.ContentType;
        response.Headers[HeaderNames.ContentDisposition] = file.ContentDisposition;
        httpContext.Features.Get<IHttpResponseBodyFeature>()?.DisableBuffering();
        await exporter.WriteAsync(file.ExperimentId, response.Body, httpContext.RequestAborted).ConfigureAwait(false);
    }
}
