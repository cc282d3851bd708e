using System.Buffers;
using System.Globalization;
using System.Text.Json;
using WebMacs.Datapoints;

namespace WebMacs.Ingestion;

/// <summary>
/// One telemetry message (reference §5.2 plus the extensions), read in a single pass with <see cref="Utf8JsonReader"/>
/// into a pooled item buffer: the valid items, how many valid items name no event (ids that are no UUID), the
/// (source, seq) pair, and the reasons items or the whole message were refused. Dispose it to return the buffer.
/// </summary>
internal sealed partial class TelemetryFrame : IDisposable
{
    public const int MaxBatch = 500;
    public const int MaxSourceLength = 200;
    public const string InvalidJson = "Invalid JSON";
    public const string NotAnObject = "Message must be a JSON object";
    public static readonly TimeSpan MaxFutureSkew = TimeSpan.FromMinutes(5);

    private const string FutureReason = "timestamp more than 5 minutes in the future";
    private const string InvalidTimestampReason = "invalid timestamp";
    private static readonly JsonReaderOptions ReaderOptions = new() { MaxDepth = 64 };

    private TelemetryItem[] items = [];
    private Dictionary<string, List<int>>? refused;

    /// <summary>Gets the valid items that name an event.</summary>
    public ReadOnlySpan<TelemetryItem> Items => items.AsSpan(0, ItemCount);

    public int ItemCount { get; private set; }

    /// <summary>Gets the number of valid items whose event id is no UUID (they name no event and are dropped).</summary>
    public int Unnamed { get; private set; }

    /// <summary>Gets the number of entries in <c>datapoints</c> (1 when it is no array).</summary>
    public int Count { get; private set; }

    public TelemetrySequence? Sequence { get; private set; }

    /// <summary>Gets the seq to echo in error frames (when the message carried a valid one).</summary>
    public long? Seq { get; private set; }

    /// <summary>Gets an error that refuses the whole message, or null.</summary>
    public string? Error { get; private set; }

    /// <summary>Gets the items refused for a reason worth telling the client (client timestamps), by reason.</summary>
    public IReadOnlyDictionary<string, List<int>> Refused => refused ?? (IReadOnlyDictionary<string, List<int>>)EmptyRefusals;

    public bool HasValidItems => ItemCount + Unnamed > 0;

    private static Dictionary<string, List<int>> EmptyRefusals { get; } = [];

    /// <summary>Reads one message; malformed JSON or a non-object root gives a frame whose <see cref="Error"/> says so.</summary>
    public static TelemetryFrame Parse(ReadOnlySpan<byte> json, DateTime now)
    {
        var frame = new TelemetryFrame();
        try
        {
            var reader = new Utf8JsonReader(json, ReaderOptions);
            if (!reader.Read())
            {
                return frame.Fail(InvalidJson);
            }

            if (reader.TokenType != JsonTokenType.StartObject)
            {
                reader.Skip();
                return reader.Read() ? frame.Fail(InvalidJson) : frame.Fail(NotAnObject);
            }

            var source = default(SourceToken);
            var seq = default(SeqToken);
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                if (reader.ValueTextEquals("datapoints"u8))
                {
                    reader.Read();
                    frame.ReadDatapoints(ref reader, now);
                }
                else if (reader.ValueTextEquals("source"u8))
                {
                    reader.Read();
                    source = SourceToken.Read(ref reader);
                }
                else if (reader.ValueTextEquals("seq"u8))
                {
                    reader.Read();
                    seq = SeqToken.Read(ref reader);
                }
                else
                {
                    reader.Read();
                    reader.Skip();
                }
            }

            if (reader.Read())
            {
                // Something follows the root object: not one JSON value.
                return frame.Fail(InvalidJson);
            }

            frame.ApplySequence(source, seq);
            return frame;
        }
        catch (JsonException)
        {
            return frame.Fail(InvalidJson);
        }
    }

    /// <summary>Describes the refused items, e.g. <c>Datapoints refused: timestamp more than 5 minutes in the future (items 0, 3)</c>.</summary>
    public string RefusalText() =>
        "Datapoints refused: " + string.Join("; ", Refused.Select(r => $"{r.Key} (item{(r.Value.Count > 1 ? "s" : string.Empty)} {string.Join(", ", r.Value.Take(20))}{(r.Value.Count > 20 ? ", …" : string.Empty)})"));

    public void Dispose()
    {
        if (items.Length > 0)
        {
            ArrayPool<TelemetryItem>.Shared.Return(items);
            items = [];
        }
    }

    private TelemetryFrame Fail(string error)
    {
        Error = error;
        ItemCount = 0;
        Unnamed = 0;
        refused = null;
        return this;
    }

    private void ApplySequence(SourceToken source, SeqToken seq)
    {
        if (!source.Present && !seq.Present)
        {
            return;
        }

        Seq = seq.Value;
        if (seq.Value is not { } number)
        {
            Error = "\"seq\" must be an integer >= 0 and comes with \"source\"";
        }
        else if (source.Value is not { Length: > 0 and <= MaxSourceLength } name)
        {
            Error = "\"source\" must be a non-empty string of at most 200 characters and comes with \"seq\"";
        }
        else
        {
            Sequence = new TelemetrySequence(name, number);
        }
    }

    private void ReadDatapoints(ref Utf8JsonReader reader, DateTime now)
    {
        // A repeated "datapoints" key: the last one wins, as in Python's json.
        ItemCount = 0;
        Unnamed = 0;
        refused = null;
        Count = 0;
        if (reader.TokenType == JsonTokenType.Null)
        {
            return;
        }

        if (reader.TokenType != JsonTokenType.StartArray)
        {
            reader.Skip();
            Count = 1;
            return;
        }

        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            var index = Count++;
            if (index >= MaxBatch)
            {
                reader.Skip();
                continue;
            }

            ReadItem(ref reader, index, now);
        }

        if (Count > MaxBatch)
        {
            Error ??= string.Create(CultureInfo.InvariantCulture, $"Batch too large ({Count}), max {MaxBatch}");
            ItemCount = 0;
            Unnamed = 0;
            refused = null;
        }
    }

    private void ReadItem(ref Utf8JsonReader reader, int index, DateTime now)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            reader.Skip();
            return;
        }

        double? value = null;
        var hasValue = false;
        var id = default(IdToken);
        var time = default(TimeToken);
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("value"u8))
            {
                reader.Read();
                hasValue = reader.TokenType != JsonTokenType.Null;
                value = ToFloat(ref reader);
            }
            else if (reader.ValueTextEquals("event_public_id"u8))
            {
                reader.Read();
                id = IdToken.Read(ref reader);
            }
            else if (reader.ValueTextEquals("timestamp"u8))
            {
                reader.Read();
                time = TimeToken.Read(ref reader);
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }

        if (!hasValue || !id.Present || value is not { } finite)
        {
            return;
        }

        if (time.Present)
        {
            var reason = time.Value is not { } t ? InvalidTimestampReason : t - now > MaxFutureSkew ? FutureReason : null;
            if (reason is not null)
            {
                refused ??= [];
                if (!refused.TryGetValue(reason, out var indexes))
                {
                    refused[reason] = indexes = [];
                }

                indexes.Add(index);
                return;
            }
        }

        // The original stringifies the id; anything that is no UUID names no event and is dropped by the linkage filter.
        if (id.Value is { } eventPublicId)
        {
            if (ItemCount == items.Length)
            {
                Grow();
            }

            items[ItemCount++] = new TelemetryItem(finite, eventPublicId, time.Value);
        }
        else
        {
            Unnamed++;
        }
    }

    private void Grow()
    {
        var larger = ArrayPool<TelemetryItem>.Shared.Rent(Math.Max(64, items.Length * 2));
        items.AsSpan(0, ItemCount).CopyTo(larger);
        if (items.Length > 0)
        {
            ArrayPool<TelemetryItem>.Shared.Return(items);
        }

        items = larger;
    }
}
