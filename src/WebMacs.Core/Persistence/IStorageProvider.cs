namespace WebMacs.Persistence;

/// <summary>
/// What a storage package (<c>AddPostgres</c>, <c>AddSqlite</c>) tells the core about itself: a description for
/// messages and the work to do before migrations run.
/// </summary>
internal interface IStorageProvider
{
    /// <summary>Gets a short name of the provider, e.g. "PostgreSQL".</summary>
    string Name { get; }

    /// <summary>Describes the target without secrets, e.g. "PostgreSQL at db:5432/webmacs".</summary>
    string Describe();

    /// <summary>Prepares the store before migrations run (e.g. creates the folder of a database file).</summary>
    Task PrepareAsync(CancellationToken cancellationToken);

    /// <summary>Tells which constraint, if any, a failed save violated (from the provider's error codes).</summary>
    ConstraintViolation Classify(Exception exception);
}
