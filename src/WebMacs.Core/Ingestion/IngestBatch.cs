using System.Buffers;
using WebMacs.Datapoints;

namespace WebMacs.Ingestion;

/// <summary>One validated datapoint ready to store: the internal event id, the public one (for the live feed), time and value.</summary>
internal readonly record struct DatapointRow(int EventId, Guid EventPublicId, DateTime Timestamp, double Value);

/// <summary>How the writer finished a batch.</summary>
internal enum BatchOutcome
{
    /// <summary>The rows (and the source's new seq) are committed.</summary>
    Stored,

    /// <summary>The (source, seq) was committed before: nothing was stored again.</summary>
    Duplicate,

    /// <summary>The batch could not be stored (the store refused it); nothing of it is committed.</summary>
    Failed,
}

/// <summary>
/// One unit of ingestion on its way through the pipeline: the accepted rows in a pooled buffer, the running experiment
/// stamped at validation time, the optional (source, seq), and the completion its submitter waits for. The writer
/// stores all rows of a batch, or none of them, in one transaction.
/// </summary>
internal sealed class IngestBatch
{
    private readonly TaskCompletionSource<BatchOutcome> completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private DatapointRow[] rows;

    public IngestBatch(int capacity, TelemetrySequence? sequence)
    {
        rows = capacity == 0 ? [] : ArrayPool<DatapointRow>.Shared.Rent(capacity);
        Sequence = sequence;
    }

    public TelemetrySequence? Sequence { get; }

    public int? ExperimentId { get; set; }

    public Guid? ExperimentPublicId { get; set; }

    /// <summary>
    /// Gets or sets who submitted the batch (e.g. the controller connection of a telemetry socket), handed to the
    /// committed-data observers so a controller's own values are not sent back to it as commands.
    /// </summary>
    public object? Origin { get; set; }

    /// <summary>Gets or sets the number of submitted items that were dropped before the batch was queued.</summary>
    public int Rejected { get; set; }

    public int Count { get; private set; }

    public ReadOnlySpan<DatapointRow> Rows => rows.AsSpan(0, Count);

    /// <summary>Gets when the batch entered the queue (<see cref="TimeProvider.GetTimestamp"/>), for the latency metrics.</summary>
    public long QueuedAt { get; set; }

    /// <summary>Gets the outcome once the writer is done with the batch.</summary>
    public Task<BatchOutcome> Completion => completion.Task;

    public void Add(DatapointRow row) => rows[Count++] = row;

    /// <summary>Removes the rows <paramref name="drop"/> selects (used when a store refused the batch and it is re-checked).</summary>
    public int RemoveWhere(Func<DatapointRow, bool> drop)
    {
        var kept = 0;
        for (var i = 0; i < Count; i++)
        {
            if (!drop(rows[i]))
            {
                rows[kept++] = rows[i];
            }
        }

        var removed = Count - kept;
        Count = kept;
        Rejected += removed;
        return removed;
    }

    /// <summary>Gets how many rows were stored (set on completion; rows removed by a re-check are not counted).</summary>
    public int StoredRows { get; private set; }

    public void Complete(BatchOutcome outcome)
    {
        StoredRows = outcome == BatchOutcome.Stored ? Count : 0;
        completion.TrySetResult(outcome);
    }

    /// <summary>Returns the row buffer to the pool; the batch is empty afterwards.</summary>
    public void Release()
    {
        var buffer = Interlocked.Exchange(ref rows, []);
        Count = 0;
        if (buffer.Length > 0)
        {
            ArrayPool<DatapointRow>.Shared.Return(buffer);
        }
    }
}
