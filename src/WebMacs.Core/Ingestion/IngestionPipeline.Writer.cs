using System.Threading.Channels;

namespace WebMacs.Ingestion;

// The single writer: drains the queue into groups, writes each group in one transaction through the store's
// IDatapointWriter, completes every batch after the commit and hands stored batches to the committed-data loop.
internal sealed partial class IngestionPipeline
{
    private async Task WriteLoopAsync()
    {
        var group = new List<IngestBatch>();
        var reader = queue.Reader;
        while (await reader.WaitToReadAsync().ConfigureAwait(false))
        {
            group.Clear();
            var rows = Drain(reader, group, 0);
            if (options.MaxWriteDelay > TimeSpan.Zero && rows < options.MaxRowsPerWrite)
            {
                rows = await LingerAsync(reader, group, rows).ConfigureAwait(false);
            }

            await WriteGroupAsync(group).ConfigureAwait(false);
        }
    }

    private int Drain(ChannelReader<IngestBatch> reader, List<IngestBatch> group, int rows)
    {
        while (rows < options.MaxRowsPerWrite && reader.TryRead(out var batch))
        {
            group.Add(batch);
            rows += batch.Count;
        }

        return rows;
    }

    private async Task<int> LingerAsync(ChannelReader<IngestBatch> reader, List<IngestBatch> group, int rows)
    {
        using var linger = new CancellationTokenSource(options.MaxWriteDelay, time);
        try
        {
            while (rows < options.MaxRowsPerWrite && await reader.WaitToReadAsync(linger.Token).ConfigureAwait(false))
            {
                rows = Drain(reader, group, rows);
            }
        }
        catch (OperationCanceledException) when (linger.IsCancellationRequested)
        {
            // The linger time is over: write what we have.
        }

        return rows;
    }

    private async Task WriteGroupAsync(List<IngestBatch> group)
    {
        try
        {
            await WriteAsync(group).ConfigureAwait(false);
            return;
        }
        catch (Exception ex) when (group.Count > 1)
        {
            LogGroupRefused(logger, group.Count, ex);
        }
        catch (Exception ex)
        {
            LogBatchRefused(logger, ex);
        }

        // One batch spoiled the group (or the store was briefly unavailable): store each batch on its own, re-checking
        // a refused one against fresh data once (an event or the experiment may have been deleted meanwhile).
        foreach (var batch in group)
        {
            if (await TryWriteAloneAsync(batch).ConfigureAwait(false))
            {
                continue;
            }

            catalog.Invalidate();
            var snapshot = await catalog.GetAsync(CancellationToken.None).ConfigureAwait(false);
            batch.RemoveWhere(r => !snapshot.Linked.ContainsKey(r.EventPublicId));
            batch.ExperimentId = snapshot.ExperimentId;
            batch.ExperimentPublicId = snapshot.ExperimentPublicId;
            if (!await TryWriteAloneAsync(batch).ConfigureAwait(false))
            {
                metrics.Failed();
                metrics.Rejected(batch.Count + batch.Rejected);
                batch.Complete(BatchOutcome.Failed);
                batch.Release();
            }
        }
    }

    private async Task<bool> TryWriteAloneAsync(IngestBatch batch)
    {
        try
        {
            await WriteAsync([batch]).ConfigureAwait(false);
            return true;
        }
        catch (Exception ex)
        {
            LogBatchRefused(logger, ex);
            return false;
        }
    }

    private async Task WriteAsync(List<IngestBatch> group)
    {
        var duplicates = await writer.WriteAsync(group, ToMicroseconds(time.GetUtcNow().UtcDateTime), CancellationToken.None).ConfigureAwait(false);
        var rows = 0;
        var now = time.GetTimestamp();
        for (var i = 0; i < group.Count; i++)
        {
            var batch = group[i];
            metrics.Written(batch.Count, time.GetElapsedTime(batch.QueuedAt, now));
            if (duplicates[i])
            {
                metrics.Duplicate();
                batch.Complete(BatchOutcome.Duplicate);
                batch.Release();
                continue;
            }

            rows += batch.Count;
            metrics.Accepted(batch.Count);
            metrics.Rejected(batch.Rejected);
            batch.Complete(BatchOutcome.Stored);
            if (batch.Count > 0)
            {
                committed.Writer.TryWrite(batch);
            }
            else
            {
                batch.Release();
            }
        }
    }
}
