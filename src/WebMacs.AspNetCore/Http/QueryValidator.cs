using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using WebMacs.Domain;

namespace WebMacs.AspNetCore.Http;

/// <summary>
/// Validates query parameters in the original's 422 format (<c>loc</c> = <c>["query", name]</c>). Unknown parameters
/// (such as the UI's cache-buster <c>_t</c>) are ignored.
/// </summary>
internal sealed class QueryValidator(HttpRequest request)
{
    public const int DefaultPageSize = 25;
    public const int MaxPageSize = 100;

    private readonly List<ValidationError> errors = [];

    public bool IsValid => errors.Count == 0;

    public IResult Result() => Problems.Validation(errors);

    /// <summary>Reads <c>page</c> (≥ 1, default 1) and <c>page_size</c> (1–100, default 25).</summary>
    public PageRequest Page() =>
        new(Int("page", 1, 1, int.MaxValue) ?? 1, Int("page_size", DefaultPageSize, 1, MaxPageSize) ?? DefaultPageSize);

    public int? Int(string name, int defaultValue, int min, int max)
    {
        return Last(name) is { } text ? Parse(name, text, min, max) : defaultValue;
    }

    /// <summary>Reads a required string parameter; a missing one is a <c>missing</c> error.</summary>
    public string? RequiredString(string name)
    {
        if (Last(name) is { } text)
        {
            return text;
        }

        errors.Add(new ValidationError("missing", ["query", name], "Field required", null));
        return null;
    }

    public T? Enum<T>(string name) where T : struct, System.Enum
    {
        if (Last(name) is not { } text)
        {
            return null;
        }

        if (WireEnum<T>.TryParse(text, out var value))
        {
            return value;
        }

        var expected = string.Join(", ", WireEnum<T>.All.Take(WireEnum<T>.All.Count - 1).Select(v => $"'{v}'")) + $" or '{WireEnum<T>.All[^1]}'";
        Add("enum", name, $"Input should be {expected}", text, new() { ["expected"] = expected });
        return null;
    }

    private string? Last(string name) => request.Query[name] is { Count: > 0 } values ? values[^1] : null;

    private int? Parse(string name, string text, int min, int max)
    {
        if (!long.TryParse(text.Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value))
        {
            Add("int_parsing", name, "Input should be a valid integer, unable to parse string as an integer", text);
            return null;
        }

        if (value < min)
        {
            Add("greater_than_equal", name, string.Create(CultureInfo.InvariantCulture, $"Input should be greater than or equal to {min}"), text, new() { ["ge"] = min });
            return null;
        }

        if (value > max)
        {
            Add("less_than_equal", name, string.Create(CultureInfo.InvariantCulture, $"Input should be less than or equal to {max}"), text, new() { ["le"] = max });
            return null;
        }

        return (int)value;
    }

    private void Add(string type, string name, string message, string input, Dictionary<string, object>? context = null) =>
        errors.Add(new ValidationError(type, ["query", name], message, JsonSerializer.SerializeToElement(input, WebMacsJsonContext.Web.String), context));
}

/// <summary>A validated page request.</summary>
internal readonly record struct PageRequest(int Page, int PageSize)
{
    public int Skip => (Page - 1) * PageSize;
}

/// <summary>The original's paginated list: <c>{page, page_size, total, data}</c>.</summary>
internal sealed record Paginated<T>(int Page, int PageSize, int Total, IReadOnlyList<T> Data);
