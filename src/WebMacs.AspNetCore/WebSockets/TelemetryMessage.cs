using System.Globalization;
using System.Text.Json;
using WebMacs.Common;
using WebMacs.Datapoints;

namespace WebMacs.AspNetCore.WebSockets;

/// <summary>
/// One parsed telemetry message (reference §5.2 plus the extensions): the valid items, how many items were valid but
/// name no event (ids that are no UUID), the (source, seq) pair, and the reasons items or the message were refused.
/// </summary>
internal sealed class TelemetryMessage
{
    public const int MaxBatch = 500;
    public const int MaxSourceLength = 200;
    public static readonly TimeSpan MaxFutureSkew = TimeSpan.FromMinutes(5);

    private const string FutureReason = "timestamp more than 5 minutes in the future";
    private const string InvalidTimestampReason = "invalid timestamp";

    public List<TelemetryItem> Items { get; } = [];

    /// <summary>Gets the number of valid items whose event id is no UUID (they name no event and are dropped).</summary>
    public int Unnamed { get; private set; }

    public int Count { get; private set; }

    public TelemetrySequence? Sequence { get; private set; }

    /// <summary>Gets the seq to echo in error frames (when the message carried a valid one).</summary>
    public long? Seq { get; private set; }

    /// <summary>Gets an error that refuses the whole message, or null.</summary>
    public string? Error { get; private set; }

    /// <summary>Gets the items refused for a reason worth telling the client (client timestamps), by reason.</summary>
    public Dictionary<string, List<int>> Refused { get; } = [];

    public bool HasValidItems => Items.Count + Unnamed > 0;

    public static TelemetryMessage Parse(JsonElement root, DateTime now)
    {
        var message = new TelemetryMessage();
        message.ReadSequence(root);
        if (message.Error is not null)
        {
            return message;
        }

        if (!root.TryGetProperty("datapoints", out var datapoints) || datapoints.ValueKind == JsonValueKind.Null)
        {
            return message;
        }

        if (datapoints.ValueKind != JsonValueKind.Array)
        {
            message.Count = 1;
            return message;
        }

        message.Count = datapoints.GetArrayLength();
        if (message.Count > MaxBatch)
        {
            message.Error = string.Create(CultureInfo.InvariantCulture, $"Batch too large ({message.Count}), max {MaxBatch}");
            return message;
        }

        var index = 0;
        foreach (var item in datapoints.EnumerateArray())
        {
            message.ReadItem(item, index++, now);
        }

        return message;
    }

    /// <summary>Describes the refused items, e.g. <c>Datapoints refused: timestamp more than 5 minutes in the future (items 0, 3)</c>.</summary>
    public string RefusalText() =>
        "Datapoints refused: " + string.Join("; ", Refused.Select(r => $"{r.Key} (item{(r.Value.Count > 1 ? "s" : string.Empty)} {string.Join(", ", r.Value.Take(20))}{(r.Value.Count > 20 ? ", …" : string.Empty)})"));

    private void ReadSequence(JsonElement root)
    {
        var hasSource = root.TryGetProperty("source", out var source) && source.ValueKind != JsonValueKind.Null;
        var hasSeq = root.TryGetProperty("seq", out var seq) && seq.ValueKind != JsonValueKind.Null;
        if (!hasSource && !hasSeq)
        {
            return;
        }

        long? number = hasSeq && seq.ValueKind == JsonValueKind.Number && seq.TryGetInt64(out var n) && n >= 0 ? n : null;
        Seq = number;
        if (number is null)
        {
            Error = "\"seq\" must be an integer >= 0 and comes with \"source\"";
        }
        else if (!hasSource || source.ValueKind != JsonValueKind.String || source.GetString() is not { Length: > 0 and <= MaxSourceLength } name)
        {
            Error = "\"source\" must be a non-empty string of at most 200 characters and comes with \"seq\"";
        }
        else
        {
            Sequence = new TelemetrySequence(name, number.Value);
        }
    }

    private void ReadItem(JsonElement item, int index, DateTime now)
    {
        if (item.ValueKind != JsonValueKind.Object
            || !item.TryGetProperty("value", out var valueElement) || valueElement.ValueKind == JsonValueKind.Null
            || !item.TryGetProperty("event_public_id", out var idElement) || idElement.ValueKind == JsonValueKind.Null
            || ToFloat(valueElement) is not { } value)
        {
            return;
        }

        DateTime? timestamp = null;
        if (item.TryGetProperty("timestamp", out var timeElement) && timeElement.ValueKind != JsonValueKind.Null)
        {
            timestamp = ToTime(timeElement);
            var reason = timestamp is not { } t ? InvalidTimestampReason : t - now > MaxFutureSkew ? FutureReason : null;
            if (reason is not null)
            {
                if (!Refused.TryGetValue(reason, out var indexes))
                {
                    Refused[reason] = indexes = [];
                }

                indexes.Add(index);
                return;
            }
        }

        // The original stringifies the id; anything that is no UUID names no event and is dropped by the linkage filter.
        if (idElement.ValueKind == JsonValueKind.String && PublicIds.TryParse(idElement.GetString(), out var eventPublicId))
        {
            Items.Add(new TelemetryItem(value, eventPublicId, timestamp));
        }
        else
        {
            Unnamed++;
        }
    }

    /// <summary>Converts as Python's <c>float()</c> does for the values the original accepts; non-finite values are refused.</summary>
    private static double? ToFloat(JsonElement element)
    {
        var value = element.ValueKind switch
        {
            JsonValueKind.Number => element.TryGetDouble(out var d) ? d : double.NaN,
            JsonValueKind.True => 1.0,
            JsonValueKind.False => 0.0,
            JsonValueKind.String when element.GetString() is { } text
                && double.TryParse(text.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed) => parsed,
            _ => double.NaN,
        };
        return double.IsFinite(value) ? value : null;
    }

    /// <summary>Reads an ISO-8601 string (no offset means UTC) or a number of milliseconds since the Unix epoch.</summary>
    private static DateTime? ToTime(JsonElement element)
    {
        if (element.ValueKind == JsonValueKind.String)
        {
            return DateTimeOffset.TryParse(element.GetString(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AllowWhiteSpaces, out var parsed)
                ? parsed.UtcDateTime
                : null;
        }

        if (element.ValueKind == JsonValueKind.Number && element.TryGetDouble(out var millis)
            && millis >= 0 && millis <= 253_402_300_799_999)
        {
            return DateTime.UnixEpoch.AddTicks((long)(millis * TimeSpan.TicksPerMillisecond));
        }

        return null;
    }
}
