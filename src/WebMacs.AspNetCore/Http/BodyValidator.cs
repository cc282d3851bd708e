using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using WebMacs.Validation;

namespace WebMacs.AspNetCore.Http;

/// <summary>
/// Validates the fields of a JSON object body and collects every problem in the original's 422 format, so a
/// client sees all of them at once. NUL characters and unpaired surrogates are refused in every string, because
/// no store can keep them.
/// </summary>
internal sealed class BodyValidator
{
    private readonly List<ValidationError> errors = [];
    private readonly JsonElement root;
    private readonly bool isObject;

    public BodyValidator(JsonElement root)
    {
        this.root = root;
        isObject = root.ValueKind == JsonValueKind.Object;
        if (!isObject)
        {
            errors.Add(new ValidationError("model_attributes_type", ["body"],
                "Input should be a valid dictionary or object to extract fields from", root.Clone()));
        }
    }

    public bool IsValid => errors.Count == 0;

    public IResult Result() => Problems.Validation(errors);

    /// <summary>Reads a required string of <paramref name="minLength"/> to <paramref name="maxLength"/> characters.</summary>
    public string? RequiredString(string name, int minLength = 0, int maxLength = int.MaxValue) =>
        Field(name, required: true) is { } element ? StringValue(name, element, minLength, maxLength) : null;

    /// <summary>Reads an optional string; absent and null both give null.</summary>
    public string? OptionalString(string name, int minLength = 0, int maxLength = int.MaxValue) =>
        Field(name, required: false) is { ValueKind: not JsonValueKind.Null } element ? StringValue(name, element, minLength, maxLength) : null;

    /// <summary>Reads a required e-mail address and returns it normalised (domain lower-cased).</summary>
    public string? RequiredEmail(string name)
    {
        if (RequiredString(name) is not { } value)
        {
            return null;
        }

        if (!EmailAddressRules.TryNormalize(value, out var normalized, out var reason))
        {
            errors.Add(new ValidationError("value_error", ["body", name], $"value is not a valid email address: {reason}", Input(value),
                new Dictionary<string, object> { ["reason"] = reason }));
            return null;
        }

        return normalized;
    }

    private JsonElement? Field(string name, bool required)
    {
        if (!isObject)
        {
            return null;
        }

        if (root.TryGetProperty(name, out var element))
        {
            return element;
        }

        if (required)
        {
            errors.Add(new ValidationError("missing", ["body", name], "Field required", root.Clone()));
        }

        return null;
    }

    private string? StringValue(string name, JsonElement element, int minLength, int maxLength)
    {
        if (element.ValueKind != JsonValueKind.String)
        {
            errors.Add(new ValidationError("string_type", ["body", name], "Input should be a valid string", element.Clone()));
            return null;
        }

        string value;
        try
        {
            value = element.GetString()!;
        }
        catch (InvalidOperationException)
        {
            // System.Text.Json refuses to decode an escaped unpaired surrogate; that is the client's error.
            errors.Add(new ValidationError("string_unicode", ["body", name], "Input should be a valid string, unable to parse raw data as a unicode string", null));
            return null;
        }

        if (value.Contains('\0', StringComparison.Ordinal))
        {
            errors.Add(new ValidationError("string_pattern_mismatch", ["body", name], "String should not contain NUL characters", Input(value.Replace("\0", string.Empty, StringComparison.Ordinal))));
            return null;
        }

        if (value.Length < minLength)
        {
            errors.Add(new ValidationError("string_too_short", ["body", name],
                string.Create(CultureInfo.InvariantCulture, $"String should have at least {minLength} character{(minLength == 1 ? string.Empty : "s")}"),
                Input(value), new Dictionary<string, object> { ["min_length"] = minLength }));
            return null;
        }

        if (value.Length > maxLength)
        {
            errors.Add(new ValidationError("string_too_long", ["body", name],
                string.Create(CultureInfo.InvariantCulture, $"String should have at most {maxLength} character{(maxLength == 1 ? string.Empty : "s")}"),
                Input(value.Length > 1000 ? value[..1000] : value), new Dictionary<string, object> { ["max_length"] = maxLength }));
            return null;
        }

        return value;
    }

    private static JsonElement Input(string value) => JsonSerializer.SerializeToElement(value, WebMacsJsonContext.Default.String);
}
