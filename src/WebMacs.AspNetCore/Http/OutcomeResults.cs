using Microsoft.AspNetCore.Http;
using WebMacs.Common;

namespace WebMacs.AspNetCore.Http;

/// <summary>Maps a failed domain <see cref="Outcome"/> to the contract's status code and <c>detail</c>.</summary>
internal static class OutcomeResults
{
    public static IResult Failure(OutcomeStatus status, string? detail) => Problems.Result(status switch
    {
        OutcomeStatus.NotFound => StatusCodes.Status404NotFound,
        OutcomeStatus.Conflict => StatusCodes.Status409Conflict,
        OutcomeStatus.Forbidden => StatusCodes.Status403Forbidden,
        OutcomeStatus.BadRequest => StatusCodes.Status400BadRequest,
        OutcomeStatus.Unprocessable => StatusCodes.Status422UnprocessableEntity,
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, "Not a failure."),
    }, detail ?? string.Empty);

    /// <summary>Returns <paramref name="success"/> of the value, or the failure's problem.</summary>
    public static IResult Map<T>(this Outcome<T> outcome, Func<T, IResult> success) =>
        outcome.Succeeded ? success(outcome.Value!) : Failure(outcome.Status, outcome.Detail);

    public static IResult Map(this Outcome outcome, Func<IResult> success) =>
        outcome.Succeeded ? success() : Failure(outcome.Status, outcome.Detail);
}
