using System.Buffers;
using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using WebMacs.Acquisition;

namespace WebMacs.Uplink;

/// <summary>A sealed batch waiting for its ack: its seq, file, size and datapoint count.</summary>
internal sealed record BufferedBatch(long Seq, string Path, long Bytes, int Items, DateTime SealedAt);

/// <summary>
/// The uplink's on-disk store-and-forward buffer. Samples collect into an open batch that is sealed when it holds
/// <see cref="UplinkOptions.MaxBatchItems"/> items or is <see cref="UplinkOptions.FlushInterval"/> old: sealing gives it
/// the next seq, writes the ready telemetry frame to <c>&lt;seq&gt;.&lt;items&gt;.json</c> (temp file, flush to disk,
/// rename) and only then counts it as taken. A batch leaves the buffer when the backend acknowledged it (or refused it
/// for good). Beyond <see cref="UplinkOptions.MaxBufferBytes"/> or <see cref="UplinkOptions.MaxBufferAge"/> the
/// oldest batches are deleted and their datapoints counted as dropped. After a restart the files are picked up again.
/// Sequence numbers are <c>max(previous + 1, microseconds since the Unix epoch)</c>, so they keep rising across
/// restarts without any other state (the backend ignores a seq not above the highest it committed for the source).
/// </summary>
internal sealed partial class TelemetryBuffer : IDisposable
{
    private const string Suffix = ".json";
    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
    private readonly UplinkOptions options;
    private readonly TimeProvider time;
    private readonly ILogger logger;
    private readonly Lock gate = new();
    private readonly List<AcquiredSample> open = [];
    private readonly SortedDictionary<long, BufferedBatch> batches = [];
    private readonly SemaphoreSlim sealedSignal = new(0, 1);
    private long openedAt;
    private long lastSeq;
    private long bytes;
    private long droppedDatapoints;
    private long refusedDatapoints;

    public TelemetryBuffer(IOptions<UplinkOptions> options, string directory, TimeProvider time, ILogger<TelemetryBuffer> logger)
    {
        this.options = options.Value;
        this.time = time;
        this.logger = logger;
        Directory = directory;
        System.IO.Directory.CreateDirectory(directory);
        foreach (var path in System.IO.Directory.EnumerateFiles(directory, "*" + Suffix))
        {
            var parts = Path.GetFileName(path).Split('.');
            if (parts.Length == 3 && long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var seq)
                && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var items))
            {
                var info = new FileInfo(path);
                batches[seq] = new BufferedBatch(seq, path, info.Length, items, info.LastWriteTimeUtc);
                bytes += info.Length;
                lastSeq = Math.Max(lastSeq, seq);
            }
        }

        foreach (var temp in System.IO.Directory.EnumerateFiles(directory, "*.tmp"))
        {
            File.Delete(temp);
        }
    }

    public string Directory { get; }

    /// <summary>Gets the datapoints deleted unsent because the buffer was full or too old.</summary>
    public long DroppedDatapoints => Interlocked.Read(ref droppedDatapoints);

    /// <summary>Gets the datapoints the backend refused for good (error frames naming the batch).</summary>
    public long RefusedDatapoints => Interlocked.Read(ref refusedDatapoints);

    /// <summary>Gets the number of sealed batches waiting for their ack.</summary>
    public int PendingBatches
    {
        get
        {
            lock (gate)
            {
                return batches.Count;
            }
        }
    }

    /// <summary>Takes samples; full batches are sealed to disk at once.</summary>
    public void Add(IReadOnlyList<AcquiredSample> samples)
    {
        ArgumentNullException.ThrowIfNull(samples);
        lock (gate)
        {
            if (open.Count == 0)
            {
                openedAt = time.GetTimestamp();
            }

            open.AddRange(samples);
            while (open.Count >= options.MaxBatchItems)
            {
                SealLocked(options.MaxBatchItems);
            }
        }
    }

    /// <summary>Seals the open batch when it is older than the flush interval (or at once with <paramref name="force"/>).</summary>
    public void Flush(bool force = false)
    {
        lock (gate)
        {
            if (open.Count > 0 && (force || time.GetElapsedTime(openedAt) >= options.FlushInterval))
            {
                SealLocked(open.Count);
            }
        }
    }

    /// <summary>Lists the sealed batches with a seq above <paramref name="after"/>, oldest first.</summary>
    public List<BufferedBatch> PendingAfter(long after)
    {
        lock (gate)
        {
            return batches.Values.Where(b => b.Seq > after).ToList();
        }
    }

    /// <summary>Waits until a batch is sealed or the timeout passes.</summary>
    public Task WaitForSealedAsync(TimeSpan timeout, CancellationToken cancellationToken) => sealedSignal.WaitAsync(timeout, cancellationToken);

    /// <summary>Removes an acknowledged batch (or, with <paramref name="refused"/>, one the backend refused for good).</summary>
    public void Complete(long seq, bool refused = false)
    {
        BufferedBatch? batch;
        lock (gate)
        {
            if (!batches.Remove(seq, out batch))
            {
                return;
            }

            bytes -= batch.Bytes;
        }

        if (refused)
        {
            Interlocked.Add(ref refusedDatapoints, batch.Items);
        }

        File.Delete(batch.Path);
    }

    public void Dispose() => sealedSignal.Dispose();

    private void SealLocked(int count)
    {
        var seq = Math.Max(lastSeq + 1, (time.GetUtcNow().UtcTicks - DateTime.UnixEpoch.Ticks) / 10);
        var frame = Frame(seq, count);
        var path = Path.Combine(Directory, string.Create(CultureInfo.InvariantCulture, $"{seq:D20}.{count}{Suffix}"));
        var temp = path + ".tmp";
        using (var file = new FileStream(temp, FileMode.Create, FileAccess.Write, FileShare.None))
        {
            file.Write(frame.WrittenSpan);
            file.Flush(flushToDisk: true);
        }

        File.Move(temp, path, overwrite: true);
        open.RemoveRange(0, count);
        lastSeq = seq;
        batches[seq] = new BufferedBatch(seq, path, frame.WrittenCount, count, time.GetUtcNow().UtcDateTime);
        bytes += frame.WrittenCount;
        EnforceLimitsLocked();
        if (sealedSignal.CurrentCount == 0)
        {
            try
            {
                sealedSignal.Release();
            }
            catch (SemaphoreFullException)
            {
                // Already signalled by a concurrent seal.
            }
        }
    }

    private void EnforceLimitsLocked()
    {
        var oldest = time.GetUtcNow().UtcDateTime - options.MaxBufferAge;
        while (batches.Count > 1 && (bytes > options.MaxBufferBytes || batches.First().Value.SealedAt < oldest))
        {
            var (seq, batch) = batches.First();
            batches.Remove(seq);
            bytes -= batch.Bytes;
            Interlocked.Add(ref droppedDatapoints, batch.Items);
            File.Delete(batch.Path);
            LogDropped(logger, batch.Items, seq);
        }
    }

    private ArrayBufferWriter<byte> Frame(long seq, int count)
    {
        var buffer = new ArrayBufferWriter<byte>(128 + (count * 120));
        using var writer = new Utf8JsonWriter(buffer, WriterOptions);
        writer.WriteStartObject();
        writer.WriteString("source", options.Source);
        writer.WriteNumber("seq", seq);
        writer.WriteStartArray("datapoints");
        for (var i = 0; i < count; i++)
        {
            var sample = open[i];
            writer.WriteStartObject();
            writer.WriteString("event_public_id", sample.EventPublicId);
            writer.WriteNumber("value", sample.Value);
            writer.WriteString("timestamp", sample.Timestamp.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture));
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
        writer.Flush();
        return buffer;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The uplink buffer is full or too old: dropped {Items} datapoints of batch {Seq}.")]
    private static partial void LogDropped(ILogger logger, int items, long seq);
}
