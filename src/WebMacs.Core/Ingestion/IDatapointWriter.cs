namespace WebMacs.Ingestion;

/// <summary>
/// The storage side of the hot path: writes a group of batches in ONE transaction — for every batch with a
/// (source, seq), first raise the source's highest seq (a batch whose seq is not higher is a duplicate and its rows
/// are left out), then all rows in one bulk operation — and commits. Storage packages supply a fast one (binary COPY
/// on PostgreSQL, one prepared statement on SQLite); <see cref="EfDatapointWriter"/> serves any other EF Core store.
/// </summary>
internal interface IDatapointWriter
{
    /// <summary>
    /// Stores the group and returns, per batch in order, whether it was a duplicate. Throws when the store refused
    /// the group; then nothing of it is committed.
    /// </summary>
    Task<bool[]> WriteAsync(IReadOnlyList<IngestBatch> group, DateTime now, CancellationToken cancellationToken);
}
