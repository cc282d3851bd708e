using WebMacs.Domain;
using WebMacs.LogEntries;

namespace WebMacs.AspNetCore.Endpoints;

// Bodies of the logging routes (reference §4.2 LogEntryResponse, §4.3 routes 36–39).

/// <summary>An entry of the operator log.</summary>
internal sealed record LogEntryResponse(Guid PublicId, string Content, string? LoggingType, string StatusType, DateTime CreatedOn, Guid UserPublicId)
{
    public static LogEntryResponse From(LogEntryRow row) => new(
        row.Entry.PublicId,
        row.Entry.Content,
        row.Entry.LoggingType is { } type ? WireEnum<LoggingType>.ToWire(type) : null,
        WireEnum<StatusType>.ToWire(row.Entry.StatusType),
        row.Entry.CreatedOn,
        row.OwnerPublicId);
}

/// <summary>The body of <c>POST /logging</c>: content of 1–500 characters and a type (<c>info</c> when omitted).</summary>
internal sealed record LogEntryCreateRequest(string Content, string LoggingType = "info");

/// <summary>The body of <c>PUT /logging/{id}</c>: a new status and/or content (up to 500 characters).</summary>
internal sealed record LogEntryUpdateRequest(string? StatusType, string? Content);
