using System.Buffers;
using Microsoft.EntityFrameworkCore;
using WebMacs.Common;
using WebMacs.Persistence;

namespace WebMacs.Experiments;

/// <summary>What the HTTP layer needs to answer an export before streaming it.</summary>
internal sealed record ExperimentCsvFile(int ExperimentId, string FileName, string ContentDisposition);

/// <summary>
/// Streams an experiment's datapoints as CSV (reference §4.4): rows are read from the store one at a time and
/// written as they come, in chunks of <see cref="RowsPerChunk"/> rows, so memory stays flat however large the
/// experiment is. Rows are the experiment's datapoints joined to their events, by timestamp, then by id.
/// </summary>
internal sealed class ExperimentCsvExporter(WebMacsDbContext db)
{
    /// <summary>The number of rows encoded and flushed to the output together.</summary>
    public const int RowsPerChunk = 256;

    public async Task<Outcome<ExperimentCsvFile>> FindAsync(string publicId, CancellationToken cancellationToken)
    {
        var experiment = PublicIds.TryParse(publicId, out var id)
            ? await db.Experiments.AsNoTracking().Where(e => e.PublicId == id).Select(e => new { e.Id, e.Name, e.PublicId })
                .FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false)
            : null;
        if (experiment is null)
        {
            return Outcome.NotFound("Experiment", publicId);
        }

        var fileName = ExperimentCsv.FileName(experiment.Name, experiment.PublicId);
        return new ExperimentCsvFile(experiment.Id, fileName, ExperimentCsv.ContentDisposition(fileName));
    }

    /// <summary>Writes the header and every row to <paramref name="output"/>, flushing each chunk; returns the number of rows.</summary>
    public async Task<long> WriteAsync(int experimentId, Stream output, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(output);
        var chars = new ArrayBufferWriter<char>(32 * 1024);
        var bytes = new ArrayBufferWriter<byte>(32 * 1024);
        chars.Write(ExperimentCsv.Header);
        chars.Write(ExperimentCsv.LineEnd);
        await FlushAsync(chars, bytes, output, cancellationToken).ConfigureAwait(false);

        var rows = from d in db.Datapoints.AsNoTracking()
                   join e in db.Events.AsNoTracking() on d.EventId equals e.Id
                   where d.ExperimentId == experimentId
                   orderby d.Timestamp, d.Id
                   select new ExperimentCsvRow(d.Id, d.Timestamp, d.Value, e.Name, e.PublicId, e.Unit);

        long count = 0;
        await foreach (var row in rows.AsAsyncEnumerable().WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            ExperimentCsv.WriteRow(chars, row);
            if (++count % RowsPerChunk == 0)
            {
                await FlushAsync(chars, bytes, output, cancellationToken).ConfigureAwait(false);
            }
        }

        await FlushAsync(chars, bytes, output, cancellationToken).ConfigureAwait(false);
        return count;
    }

    private static async Task FlushAsync(ArrayBufferWriter<char> chars, ArrayBufferWriter<byte> bytes, Stream output, CancellationToken cancellationToken)
    {
        if (chars.WrittenCount == 0)
        {
            return;
        }

        System.Text.EncodingExtensions.GetBytes(ExperimentCsv.Encoding, chars.WrittenSpan, bytes);
        chars.ResetWrittenCount();
        await output.WriteAsync(bytes.WrittenMemory, cancellationToken).ConfigureAwait(false);
        await output.FlushAsync(cancellationToken).ConfigureAwait(false);
        bytes.ResetWrittenCount();
    }
}
