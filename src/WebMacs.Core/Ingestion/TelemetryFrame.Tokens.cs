using System.Buffers.Text;
using System.Globalization;
using System.Text.Json;

namespace WebMacs.Ingestion;

// The token readers of TelemetryFrame: each reads one property value (and skips what it does not use), so the frame
// can apply "last key wins" and the original's refusal order after the whole object was read.
internal sealed partial class TelemetryFrame
{
    /// <summary>Converts as Python's <c>float()</c> does for the values the original accepts; non-finite values are refused.</summary>
    private static double? ToFloat(ref Utf8JsonReader reader)
    {
        var value = reader.TokenType switch
        {
            JsonTokenType.Number => reader.TryGetDouble(out var d) ? d : double.NaN,
            JsonTokenType.True => 1.0,
            JsonTokenType.False => 0.0,
            JsonTokenType.String when reader.GetString() is { } text
                && double.TryParse(text.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed) => parsed,
            _ => double.NaN,
        };
        reader.Skip();
        return double.IsFinite(value) ? value : null;
    }

    private readonly record struct SourceToken(bool Present, string? Value)
    {
        public static SourceToken Read(ref Utf8JsonReader reader)
        {
            var token = reader.TokenType switch
            {
                JsonTokenType.Null => default,
                JsonTokenType.String => new SourceToken(true, reader.GetString()),
                _ => new SourceToken(true, null),
            };
            reader.Skip();
            return token;
        }
    }

    private readonly record struct SeqToken(bool Present, long? Value)
    {
        public static SeqToken Read(ref Utf8JsonReader reader)
        {
            var token = reader.TokenType switch
            {
                JsonTokenType.Null => default,
                JsonTokenType.Number when reader.TryGetInt64(out var n) && n >= 0 => new SeqToken(true, n),
                _ => new SeqToken(true, null),
            };
            reader.Skip();
            return token;
        }
    }

    private readonly record struct IdToken(bool Present, Guid? Value)
    {
        public static IdToken Read(ref Utf8JsonReader reader)
        {
            switch (reader.TokenType)
            {
                case JsonTokenType.Null:
                    return default;
                case JsonTokenType.String when !reader.ValueIsEscaped && reader.ValueSpan.Length == 36:
                    return Utf8Parser.TryParse(reader.ValueSpan, out Guid fast, out var consumed, 'D') && consumed == 36
                        ? new IdToken(true, fast)
                        : new IdToken(true, null);
                case JsonTokenType.String:
                    return new IdToken(true, Guid.TryParseExact(reader.GetString(), "D", out var slow) ? slow : null);
                default:
                    reader.Skip();
                    return new IdToken(true, null);
            }
        }
    }

    private readonly record struct TimeToken(bool Present, DateTime? Value)
    {
        /// <summary>Reads an ISO-8601 string (no offset means UTC) or a number of milliseconds since the Unix epoch.</summary>
        public static TimeToken Read(ref Utf8JsonReader reader)
        {
            switch (reader.TokenType)
            {
                case JsonTokenType.Null:
                    return default;
                case JsonTokenType.String:
                    return new TimeToken(true, DateTimeOffset.TryParse(reader.GetString(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AllowWhiteSpaces, out var parsed)
                        ? parsed.UtcDateTime
                        : null);
                case JsonTokenType.Number when reader.TryGetDouble(out var millis) && millis >= 0 && millis <= 253_402_300_799_999:
                    return new TimeToken(true, DateTime.UnixEpoch.AddTicks((long)(millis * TimeSpan.TicksPerMillisecond)));
                default:
                    reader.Skip();
                    return new TimeToken(true, null);
            }
        }
    }
}
