namespace WebMacs.Ingestion;

internal sealed partial class IngestionPipeline
{
    private const int MaxBatchesPerDispatch = 256;

    /// <summary>
    /// Hands the last value of each event of everything committed since the previous round to the observers; a slow
    /// observer merges rounds instead of holding the writer.
    /// </summary>
    private async Task DispatchLoopAsync()
    {
        var reader = committed.Reader;
        var round = new List<IngestBatch>();
        var latest = new List<LatestValue>();
        var positions = new Dictionary<int, int>();
        while (await reader.WaitToReadAsync().ConfigureAwait(false))
        {
            round.Clear();
            while (round.Count < MaxBatchesPerDispatch && reader.TryRead(out var batch))
            {
                round.Add(batch);
            }

            latest.Clear();
            positions.Clear();
            foreach (var batch in round)
            {
                foreach (var row in batch.Rows)
                {
                    var value = new LatestValue(row.EventId, row.EventPublicId, row.Value, row.Timestamp, batch.Origin);
                    if (positions.TryGetValue(row.EventId, out var at))
                    {
                        latest[at] = value;
                    }
                    else
                    {
                        positions[row.EventId] = latest.Count;
                        latest.Add(value);
                    }
                }

                batch.Release();
            }

            foreach (var observer in observers)
            {
                try
                {
                    await observer.OnCommittedAsync(latest, stopping.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (stopping.IsCancellationRequested)
                {
                    return;
                }
                catch (Exception ex)
                {
                    LogObserverFailed(logger, ex);
                }
            }
        }
    }
}
