using System.Buffers;
using System.Globalization;
using System.Text;
using WebMacs.Common;
using WebMacs.Domain;

namespace WebMacs.Experiments;

/// <summary>One row of an experiment's CSV export: a datapoint and the event it belongs to.</summary>
internal readonly record struct ExperimentCsvRow(long DatapointId, DateTime Timestamp, double Value, string EventName, Guid EventPublicId, string Unit);

/// <summary>
/// The CSV format of the original's export (reference §4.4), as Python's <c>csv.writer</c> writes it: comma
/// separated, minimal quoting (a field holding a comma, quote, CR or LF is quoted and its quotes doubled),
/// <c>\r\n</c> line ends, timestamps as <c>isoformat()</c>, values as <c>repr(float)</c>.
/// </summary>
internal static class ExperimentCsv
{
    public const string ContentType = "text/csv; charset=utf-8";

    public const string Header = "timestamp,event_name,event_public_id,value,unit,datapoint_public_id";

    public const string LineEnd = "\r\n";

    /// <summary>Gets the encoding of the export: UTF-8 without a byte order mark.</summary>
    public static Encoding Encoding { get; } = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false);

    private static readonly SearchValues<char> NeedsQuoting = SearchValues.Create(",\"\r\n");

    /// <summary>Writes one row and its line end.</summary>
    public static void WriteRow(IBufferWriter<char> output, in ExperimentCsvRow row)
    {
        output.Write(PythonTime.Format(row.Timestamp));
        output.Write(",");
        WriteField(output, row.EventName);
        output.Write(",");
        var id = output.GetSpan(36);
        row.EventPublicId.TryFormat(id, out var written, "D");
        output.Advance(written);
        output.Write(",");
        output.Write(PythonFloat.Format(row.Value));
        output.Write(",");
        WriteField(output, row.Unit);
        output.Write(",");
        output.Write(DatapointId.ToPublicId(row.DatapointId));
        output.Write(LineEnd);
    }

    /// <summary>Writes a field, quoted only when it holds a comma, a quote, CR or LF (quotes inside are doubled).</summary>
    public static void WriteField(IBufferWriter<char> output, string value)
    {
        if (!value.AsSpan().ContainsAny(NeedsQuoting))
        {
            output.Write(value);
            return;
        }

        output.Write("\"");
        output.Write(value.Replace("\"", "\"\"", StringComparison.Ordinal));
        output.Write("\"");
    }

    /// <summary>
    /// Gets the original's file name: <c>experiment_&lt;name, ' '→'_', '/'→'-'&gt;_&lt;first 8 characters of the id&gt;.csv</c>.
    /// </summary>
    public static string FileName(string experimentName, Guid publicId) =>
        string.Create(CultureInfo.InvariantCulture, $"experiment_{experimentName.Replace(' ', '_').Replace('/', '-')}_{publicId.ToString("D")[..8]}.csv");

    /// <summary>
    /// Gets the <c>Content-Disposition</c> value. A file name that is plain printable ASCII gives exactly the original's
    /// header (<c>attachment; filename="…"</c>); any other adds an RFC 5987 <c>filename*</c> with the real name and
    /// keeps an ASCII <c>filename</c> (other characters replaced by <c>_</c>), so every experiment name exports
    /// (a compat fix: the original failed with 500 on names outside Latin-1).
    /// </summary>
    public static string ContentDisposition(string fileName)
    {
        var ascii = string.Create(fileName.Length, fileName, static (span, name) =>
        {
            for (var i = 0; i < name.Length; i++)
            {
                var c = name[i];
                span[i] = c is >= ' ' and <= '~' and not '"' and not '\\' ? c : '_';
            }
        });

        return string.Equals(ascii, fileName, StringComparison.Ordinal)
            ? $"attachment; filename=\"{ascii}\""
            : $"attachment; filename=\"{ascii}\"; filename*=UTF-8''{PercentEncode(fileName)}";
    }

    /// <summary>Percent-encodes UTF-8 bytes outside RFC 5987's <c>attr-char</c> set.</summary>
    internal static string PercentEncode(string value)
    {
        var builder = new StringBuilder(value.Length * 3);
        foreach (var b in Encoding.GetBytes(value))
        {
            var c = (char)b;
            if (char.IsAsciiLetterOrDigit(c) || c is '!' or '#' or '$' or '&' or '+' or '-' or '.' or '^' or '_' or '`' or '|' or '~')
            {
                builder.Append(c);
            }
            else
            {
                builder.Append('%').Append(b.ToString("X2", CultureInfo.InvariantCulture));
            }
        }

        return builder.ToString();
    }
}
