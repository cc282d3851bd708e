using System.Globalization;

namespace WebMacs.Common;

/// <summary>
/// Formats a double as Python's <c>repr(float)</c> does, which the original's CSV export and webhook payloads use:
/// the shortest round-trip digits, fixed notation with a decimal point for exponents −4 … 15 (<c>1.0</c>,
/// <c>23.45</c>, <c>1000000000000000.0</c>), otherwise <c>1e-05</c> / <c>1.5e+16</c>.
/// Hand-written: .NET switches to exponent notation at a different point and writes <c>E</c>.
/// </summary>
internal static class PythonFloat
{
    public static string Format(double value)
    {
        if (double.IsNaN(value)) return "NaN";
        if (double.IsPositiveInfinity(value)) return "Infinity";
        if (double.IsNegativeInfinity(value)) return "-Infinity";
        if (value == 0) return double.IsNegative(value) ? "-0.0" : "0.0";

        // "E16" gives the shortest round-trip digits in scientific form only when asked via "R"; parse them out of "E".
        var shortest = value.ToString("R", CultureInfo.InvariantCulture);
        var negative = shortest.StartsWith('-');
        var body = negative ? shortest[1..] : shortest;
        string digits;
        int exponent;
        var e = body.IndexOfAny(['E', 'e']);
        var mantissa = e >= 0 ? body[..e] : body;
        var extra = e >= 0 ? int.Parse(body[(e + 1)..], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture) : 0;
        var dot = mantissa.IndexOf('.', StringComparison.Ordinal);
        var intPart = dot >= 0 ? mantissa[..dot] : mantissa;
        var fracPart = dot >= 0 ? mantissa[(dot + 1)..] : string.Empty;
        digits = (intPart + fracPart).TrimStart('0');
        var leadingZeros = (intPart + fracPart).Length - digits.Length;
        exponent = intPart.Length - 1 - leadingZeros + extra;
        digits = digits.TrimEnd('0');
        if (digits.Length == 0) digits = "0";

        string text;
        if (exponent is >= -4 and < 16)
        {
            if (exponent >= 0)
            {
                var whole = digits.Length > exponent + 1 ? digits[..(exponent + 1)] : digits.PadRight(exponent + 1, '0');
                var fraction = digits.Length > exponent + 1 ? digits[(exponent + 1)..] : "0";
                text = $"{whole}.{fraction}";
            }
            else
            {
                text = $"0.{new string('0', -exponent - 1)}{digits}";
            }
        }
        else
        {
            var mant = digits.Length > 1 ? $"{digits[0]}.{digits[1..]}" : digits;
            text = string.Create(CultureInfo.InvariantCulture, $"{mant}e{(exponent < 0 ? '-' : '+')}{Math.Abs(exponent):D2}");
        }

        return negative ? "-" + text : text;
    }
}
