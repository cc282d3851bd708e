namespace WebMacs.AspNetCore.Http;

// Fields that have a default but no null: absent gives null (the caller applies the default); an explicit null is a
// type error, as Pydantic reports it for `x: int = 0` or `flag: bool = False`.
internal sealed partial class BodyValidator
{
    /// <summary>Reads an integer field with a default: absent → null; present (even null) → checked like a required integer.</summary>
    public int? IntWithDefault(string name, int min = int.MinValue, int max = int.MaxValue) =>
        Field(name, required: false) is { } e ? IntValue(name, e, min, max) : null;

    /// <summary>Reads a boolean field with a default: absent → null; present (even null) → checked like a required boolean.</summary>
    public bool? BoolWithDefault(string name) => Field(name, required: false) is { } e ? BoolValue(name, e) : null;
}
