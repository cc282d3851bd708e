using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using WebMacs.Validation;

namespace WebMacs.AspNetCore.Http;

/// <summary>
/// Validates the fields of a JSON object body and collects every problem in the original's (Pydantic) 422 format,
/// so a client sees all of them at once. Coercion is lax as in the original (numeric strings for numbers, "yes"/"no"
/// for booleans); NUL characters, unpaired surrogates and non-finite numbers are refused because no store keeps them.
/// Hand-written: the contract's error shapes are Pydantic's, which no .NET validation library produces.
/// </summary>
internal sealed partial class BodyValidator
{
    private readonly List<ValidationError> errors;
    private readonly JsonElement root;
    private readonly object[] location;
    private readonly bool isObject;

    public BodyValidator(JsonElement root)
        : this(root, ["body"], [])
    {
    }

    private BodyValidator(JsonElement root, object[] location, List<ValidationError> errors)
    {
        this.root = root;
        this.location = location;
        this.errors = errors;
        isObject = root.ValueKind == JsonValueKind.Object;
        if (!isObject)
        {
            errors.Add(new ValidationError("model_attributes_type", location,
                "Input should be a valid dictionary or object to extract fields from", root.Clone()));
        }
    }

    public bool IsValid => errors.Count == 0;

    public IResult Result() => Problems.Validation(errors);

    /// <summary>Tells whether the body has the field at all (partial updates apply only present fields).</summary>
    public bool Has(string name) => isObject && root.TryGetProperty(name, out _);

    /// <summary>Tells whether the field is present and explicitly <c>null</c>.</summary>
    public bool IsNull(string name) => isObject && root.TryGetProperty(name, out var e) && e.ValueKind == JsonValueKind.Null;

    /// <summary>Adds a cross-field problem located at the object itself (the original prefixes such messages "Value error, ").</summary>
    public void AddModelError(string message) =>
        errors.Add(new ValidationError("value_error", location, $"Value error, {message}", root.Clone(),
            new Dictionary<string, object> { ["error"] = message }));

    /// <summary>Reads a required string of <paramref name="minLength"/> to <paramref name="maxLength"/> characters.</summary>
    public string? RequiredString(string name, int minLength = 0, int maxLength = int.MaxValue) =>
        Field(name, required: true) is { } element ? StringValue(name, element, minLength, maxLength) : null;

    /// <summary>Reads an optional string; absent and null both give null.</summary>
    public string? OptionalString(string name, int minLength = 0, int maxLength = int.MaxValue) =>
        Value(name) is { } element ? StringValue(name, element, minLength, maxLength) : null;

    /// <summary>Reads a required e-mail address and returns it normalised (domain lower-cased).</summary>
    public string? RequiredEmail(string name) => RequiredString(name) is { } value ? Email(name, value) : null;

    /// <summary>Reads an optional e-mail address and returns it normalised.</summary>
    public string? OptionalEmail(string name) => OptionalString(name) is { } value ? Email(name, value) : null;

    private string? Email(string name, string value)
    {
        if (!EmailAddressRules.TryNormalize(value, out var normalized, out var reason))
        {
            Add("value_error", name, $"value is not a valid email address: {reason}", Input(value), new() { ["reason"] = reason });
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
            // A null in a required field is returned as is: the type check of the caller refuses it.
            return element;
        }

        if (required)
        {
            Add("missing", name, "Field required", root.Clone());
        }

        return null;
    }

    /// <summary>Gets an optional field that is present and not null.</summary>
    private JsonElement? Value(string name) => Field(name, required: false) is { ValueKind: not JsonValueKind.Null } e ? e : null;

    private string? StringValue(string name, JsonElement element, int minLength, int maxLength)
    {
        if (element.ValueKind != JsonValueKind.String)
        {
            Add("string_type", name, "Input should be a valid string", element.Clone());
            return null;
        }

        if (!TryGetString(name, element, out var value))
        {
            return null;
        }

        if (value.Length < minLength)
        {
            Add("string_too_short", name, Plural($"String should have at least {minLength} character", minLength), Input(value), new() { ["min_length"] = minLength });
            return null;
        }

        if (value.Length > maxLength)
        {
            Add("string_too_long", name, Plural($"String should have at most {maxLength} character", maxLength), Input(Truncate(value)), new() { ["max_length"] = maxLength });
            return null;
        }

        return value;
    }

    private bool TryGetString(object name, JsonElement element, out string value)
    {
        try
        {
            value = element.GetString()!;
        }
        catch (InvalidOperationException)
        {
            // System.Text.Json refuses to decode an escaped unpaired surrogate; that is the client's error.
            Add("string_unicode", name, "Input should be a valid string, unable to parse raw data as a unicode string", null);
            value = string.Empty;
            return false;
        }

        if (value.Contains('\0', StringComparison.Ordinal))
        {
            Add("string_pattern_mismatch", name, "String should not contain NUL characters", Input(value.Replace("\0", string.Empty, StringComparison.Ordinal)));
            return false;
        }

        return true;
    }

    private void Add(string type, object name, string message, JsonElement? input, Dictionary<string, object>? context = null) =>
        errors.Add(new ValidationError(type, [.. location, name], message, input, context));

    private static string Plural(FormattableString text, int count) =>
        string.Create(CultureInfo.InvariantCulture, $"{text.ToString(CultureInfo.InvariantCulture)}{(count == 1 ? string.Empty : "s")}");

    private static string Truncate(string value) => value.Length > 1000 ? value[..1000] : value;

    private static JsonElement Input(string value) => JsonSerializer.SerializeToElement(value, WebMacsJsonContext.Web.String);
}
