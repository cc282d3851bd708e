namespace WebMacs.Common;

/// <summary>How a domain operation ended; the HTTP layer maps it to a status code.</summary>
internal enum OutcomeStatus
{
    Ok,
    NotFound,
    Conflict,
    Forbidden,
    BadRequest,
    Unprocessable,
}

/// <summary>The result of a domain operation: a status, the contract's message for failures, and a value on success.</summary>
internal readonly record struct Outcome<T>(OutcomeStatus Status, T? Value, string? Detail)
{
    public bool Succeeded => Status == OutcomeStatus.Ok;

    public static implicit operator Outcome<T>(T value) => new(OutcomeStatus.Ok, value, null);

    public static implicit operator Outcome<T>(Outcome failure) => new(failure.Status, default, failure.Detail);
}

/// <summary>A failure (or plain success) without a value; converts to any <see cref="Outcome{T}"/>.</summary>
internal readonly record struct Outcome(OutcomeStatus Status, string? Detail)
{
    public static Outcome Ok { get; } = new(OutcomeStatus.Ok, null);

    public bool Succeeded => Status == OutcomeStatus.Ok;

    /// <summary>The original's generic 404 text: <c>&lt;Entity&gt; '&lt;id&gt;' not found.</c></summary>
    public static Outcome NotFound(string entity, string id) => new(OutcomeStatus.NotFound, $"{entity} '{id}' not found.");

    public static Outcome NotFound(string detail) => new(OutcomeStatus.NotFound, detail);

    /// <summary>The original's generic 409 text: <c>&lt;Entity&gt; already exists.</c></summary>
    public static Outcome Conflict(string entity) => new(OutcomeStatus.Conflict, $"{entity} already exists.");

    public static Outcome Forbidden(string detail) => new(OutcomeStatus.Forbidden, detail);

    public static Outcome BadRequest(string detail) => new(OutcomeStatus.BadRequest, detail);

    public static Outcome Unprocessable(string detail) => new(OutcomeStatus.Unprocessable, detail);
}

/// <summary>One page of a list and the total count of the list.</summary>
internal sealed record PageResult<T>(IReadOnlyList<T> Items, int Total);
