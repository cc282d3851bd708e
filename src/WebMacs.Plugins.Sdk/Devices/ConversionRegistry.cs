using System.Collections.Concurrent;

namespace WebMacs.Plugins;

/// <summary>
/// Holds the named conversions that <see cref="ConversionSpec"/> applies: the built-in <c>none</c>, <c>linear</c>,
/// <c>divide</c> and <c>clamp</c>, plus process-wide custom ones such as <c>celsius_to_ma</c> (reference §4.4).
/// </summary>
public static class ConversionRegistry
{
    /// <summary>The name of the identity conversion.</summary>
    public const string NoneName = "none";

    /// <summary>The name of <c>y = x·scale + offset</c>.</summary>
    public const string LinearName = "linear";

    /// <summary>The name of <c>y = x / divisor</c>.</summary>
    public const string DivideName = "divide";

    /// <summary>The name of <c>y = clamp(x, min, max)</c>.</summary>
    public const string ClampName = "clamp";

    private static readonly ConcurrentDictionary<string, (ConversionFunction Forward, ConversionFunction Inverse)> Custom =
        new(StringComparer.Ordinal);

    /// <summary>
    /// Registers (or replaces) a custom conversion. The built-in names cannot be replaced.
    /// </summary>
    /// <param name="name">The conversion name that <see cref="ConversionSpec.Type"/> refers to.</param>
    /// <param name="forward">The raw → engineering function.</param>
    /// <param name="inverse">The engineering → raw function; null means identity.</param>
    public static void Register(string name, ConversionFunction forward, ConversionFunction? inverse = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(forward);
        if (IsBuiltIn(name))
        {
            throw new ArgumentException($"The conversion '{name}' is built in and cannot be replaced.", nameof(name));
        }

        Custom[name] = (forward, inverse ?? ((value, _) => value));
    }

    /// <summary>Removes a custom conversion.</summary>
    /// <param name="name">The conversion name.</param>
    /// <returns>True when a conversion was removed.</returns>
    public static bool Unregister(string name) => name is not null && Custom.TryRemove(name, out _);

    /// <summary>Tells whether <paramref name="name"/> is a built-in or registered conversion.</summary>
    /// <param name="name">The conversion name.</param>
    /// <returns>True when the conversion is known.</returns>
    public static bool IsKnown(string? name) => name is not null && (IsBuiltIn(name) || Custom.ContainsKey(name));

    internal static bool IsBuiltIn(string name) => name is NoneName or LinearName or DivideName or ClampName;

    internal static double Forward(string? type, double x, IReadOnlyDictionary<string, double> p) => type switch
    {
        LinearName => (x * Get(p, "scale", 1)) + Get(p, "offset", 0),
        DivideName => Get(p, "divisor", 1) is var d && d == 0 ? 0.0 : x / d,
        ClampName => Math.Clamp(x, Get(p, "min", double.NegativeInfinity), Math.Max(Get(p, "min", double.NegativeInfinity), Get(p, "max", double.PositiveInfinity))),
        null or NoneName => x,
        _ => Custom.TryGetValue(type, out var f) ? f.Forward(x, p) : x,
    };

    internal static double Inverse(string? type, double y, IReadOnlyDictionary<string, double> p) => type switch
    {
        LinearName => Get(p, "scale", 1) is var s && s == 0 ? 0.0 : (y - Get(p, "offset", 0)) / s,
        DivideName => y * Get(p, "divisor", 1),
        ClampName or NoneName or null => y,
        _ => Custom.TryGetValue(type, out var f) ? f.Inverse(y, p) : y,
    };

    private static double Get(IReadOnlyDictionary<string, double> p, string name, double fallback) =>
        p is not null && p.TryGetValue(name, out var value) ? value : fallback;
}
