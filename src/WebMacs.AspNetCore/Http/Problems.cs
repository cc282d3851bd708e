using System.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;

namespace WebMacs.AspNetCore.Http;

/// <summary>Writes the WebMacs error bodies (problem details carrying the original's <c>detail</c>).</summary>
internal static class Problems
{
    public const string ContentType = "application/problem+json";

    public static IResult Result(int status, string detail) => new ProblemResult(status, detail);

    public static IResult Validation(IReadOnlyList<ValidationError> errors) => new ValidationResult(errors);

    /// <summary>The original's generic 404: <c>&lt;Entity&gt; '&lt;id&gt;' not found.</c></summary>
    public static IResult NotFound(string entity, string id) => Result(StatusCodes.Status404NotFound, $"{entity} '{id}' not found.");

    /// <summary>The original's generic 409: <c>&lt;Entity&gt; already exists.</c></summary>
    public static IResult Conflict(string entity) => Result(StatusCodes.Status409Conflict, $"{entity} already exists.");

    public static Task WriteAsync(HttpContext context, int status, string detail)
    {
        context.Response.StatusCode = status;
        var body = new ErrorBody(TypeOf(status), ReasonPhrases.GetReasonPhrase(status), status, detail, TraceId(context));
        return context.Response.WriteAsJsonAsync(body, WebMacsJsonContext.Web.ErrorBody, ContentType, context.RequestAborted);
    }

    private static string? TraceId(HttpContext context) => Activity.Current?.Id ?? context.TraceIdentifier;

    private static string TypeOf(int status) => status switch
    {
        400 => "https://tools.ietf.org/html/rfc9110#section-15.5.1",
        401 => "https://tools.ietf.org/html/rfc9110#section-15.5.2",
        403 => "https://tools.ietf.org/html/rfc9110#section-15.5.4",
        404 => "https://tools.ietf.org/html/rfc9110#section-15.5.5",
        405 => "https://tools.ietf.org/html/rfc9110#section-15.5.6",
        409 => "https://tools.ietf.org/html/rfc9110#section-15.5.10",
        413 => "https://tools.ietf.org/html/rfc9110#section-15.5.14",
        415 => "https://tools.ietf.org/html/rfc9110#section-15.5.16",
        422 => "https://tools.ietf.org/html/rfc9110#section-15.5.21",
        429 => "https://tools.ietf.org/html/rfc6585#section-4",
        500 => "https://tools.ietf.org/html/rfc9110#section-15.6.1",
        502 => "https://tools.ietf.org/html/rfc9110#section-15.6.3",
        _ => "about:blank",
    };

    private sealed class ProblemResult(int status, string detail) : IResult, IStatusCodeHttpResult
    {
        public int? StatusCode => status;

        public Task ExecuteAsync(HttpContext httpContext) => WriteAsync(httpContext, status, detail);
    }

    /// <summary>A 422 result, so callers can see which kind of validation failed.</summary>
    internal interface IValidationProblem
    {
        string? FirstType { get; }
    }

    private sealed class ValidationResult(IReadOnlyList<ValidationError> errors) : IResult, IStatusCodeHttpResult, IValidationProblem
    {
        public string? FirstType => errors.Count > 0 ? errors[0].Type : null;

        public int? StatusCode => StatusCodes.Status422UnprocessableEntity;

        public Task ExecuteAsync(HttpContext httpContext)
        {
            const int status = StatusCodes.Status422UnprocessableEntity;
            httpContext.Response.StatusCode = status;
            var body = new ValidationErrorBody(TypeOf(status), ReasonPhrases.GetReasonPhrase(status), status, errors, TraceId(httpContext));
            return httpContext.Response.WriteAsJsonAsync(body, WebMacsJsonContext.Web.ValidationErrorBody, ContentType, httpContext.RequestAborted);
        }
    }
}
