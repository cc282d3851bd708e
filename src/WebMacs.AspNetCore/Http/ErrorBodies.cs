using System.Text.Json;
using System.Text.Json.Serialization;

namespace WebMacs.AspNetCore.Http;

/// <summary>An RFC 7807 problem whose <c>detail</c> is the original's error text, so WebMACS clients read it unchanged.</summary>
internal sealed record ErrorBody(
    string Type,
    string Title,
    int Status,
    string Detail,
    [property: JsonPropertyName("traceId")] string? TraceId);

/// <summary>A 422 problem whose <c>detail</c> lists every field problem in the original's (Pydantic) format.</summary>
internal sealed record ValidationErrorBody(
    string Type,
    string Title,
    int Status,
    IReadOnlyList<ValidationError> Detail,
    [property: JsonPropertyName("traceId")] string? TraceId);

/// <summary>One field problem: <c>loc</c> starts with <c>body</c>, <c>query</c> or <c>path</c>.</summary>
internal sealed record ValidationError(
    string Type,
    IReadOnlyList<object> Loc,
    string Msg,
    JsonElement? Input,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyDictionary<string, object>? Ctx = null);
