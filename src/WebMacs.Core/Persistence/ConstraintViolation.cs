namespace WebMacs.Persistence;

/// <summary>The kind of integrity constraint a failed save violated; the API maps it to 409 or 404.</summary>
internal enum ConstraintViolation
{
    None,
    Unique,
    ForeignKey,
    NotNull,
    Check,
}
