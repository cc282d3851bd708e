using System.Globalization;

namespace WebMacs.Common;

/// <summary>
/// Formats a UTC time as Python's <c>datetime.isoformat()</c> does for aware UTC values (<c>+00:00</c>, microseconds
/// only when non-zero), as the original's CSV export, WebSocket pushes and webhook <c>time</c> fields use.
/// </summary>
internal static class PythonTime
{
    public static string Format(DateTime utc)
    {
        var micros = utc.Ticks % TimeSpan.TicksPerSecond / 10;
        return micros == 0
            ? utc.ToString("yyyy-MM-dd'T'HH:mm:ss'+00:00'", CultureInfo.InvariantCulture)
            : string.Create(CultureInfo.InvariantCulture, $"{utc:yyyy-MM-dd'T'HH:mm:ss}.{micros:D6}+00:00");
    }
}
