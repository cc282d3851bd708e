namespace WebMacs.Plugins;

/// <summary>
/// Describes a value conversion (reference §4.4): <c>none</c>, <c>linear</c> (<c>scale</c>, <c>offset</c>),
/// <c>divide</c> (<c>divisor</c>), <c>clamp</c> (<c>min</c>, <c>max</c>) or a name registered with
/// <see cref="ConversionRegistry.Register"/>. <see cref="Convert"/> maps raw → engineering, <see cref="Invert"/> back.
/// </summary>
public sealed record ConversionSpec
{
    /// <summary>Gets the identity conversion.</summary>
    public static ConversionSpec None { get; } = new();

    /// <summary>Gets the conversion type: <c>none</c>, <c>linear</c>, <c>divide</c>, <c>clamp</c> or a registered name.</summary>
    public string Type { get; init; } = ConversionRegistry.NoneName;

    /// <summary>Gets the parameters of the conversion (e.g. <c>scale</c> and <c>offset</c> for <c>linear</c>).</summary>
    public IReadOnlyDictionary<string, double> Parameters { get; init; } = new Dictionary<string, double>();

    /// <summary>Creates <c>y = x·scale + offset</c>.</summary>
    /// <param name="scale">The factor.</param>
    /// <param name="offset">The offset added after scaling.</param>
    /// <returns>The conversion.</returns>
    public static ConversionSpec Linear(double scale, double offset = 0) =>
        new() { Type = ConversionRegistry.LinearName, Parameters = new Dictionary<string, double> { ["scale"] = scale, ["offset"] = offset } };

    /// <summary>Creates <c>y = x / divisor</c>.</summary>
    /// <param name="divisor">The divisor; 0 makes every forward result 0.</param>
    /// <returns>The conversion.</returns>
    public static ConversionSpec Divide(double divisor) =>
        new() { Type = ConversionRegistry.DivideName, Parameters = new Dictionary<string, double> { ["divisor"] = divisor } };

    /// <summary>Creates <c>y = clamp(x, min, max)</c>; its inverse is the identity.</summary>
    /// <param name="min">The lower bound.</param>
    /// <param name="max">The upper bound.</param>
    /// <returns>The conversion.</returns>
    public static ConversionSpec Clamp(double min, double max) =>
        new() { Type = ConversionRegistry.ClampName, Parameters = new Dictionary<string, double> { ["min"] = min, ["max"] = max } };

    /// <summary>Creates a conversion of a registered <paramref name="type"/> with <paramref name="parameters"/>.</summary>
    /// <param name="type">The registered conversion name.</param>
    /// <param name="parameters">The parameters, or null for none.</param>
    /// <returns>The conversion.</returns>
    public static ConversionSpec Named(string type, IReadOnlyDictionary<string, double>? parameters = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(type);
        return new() { Type = type, Parameters = parameters ?? new Dictionary<string, double>() };
    }

    /// <summary>Gets whether <see cref="Type"/> is a built-in or registered conversion (an unknown one acts as identity).</summary>
    public bool IsKnown => ConversionRegistry.IsKnown(Type);

    /// <summary>Converts a raw device value to engineering units.</summary>
    /// <param name="raw">The raw value.</param>
    /// <returns>The engineering value.</returns>
    public double Convert(double raw) => ConversionRegistry.Forward(Type, raw, Parameters);

    /// <summary>Converts an engineering value back to the raw device value (the inverse of <see cref="Convert"/>).</summary>
    /// <param name="engineering">The engineering value.</param>
    /// <returns>The raw value.</returns>
    public double Invert(double engineering) => ConversionRegistry.Inverse(Type, engineering, Parameters);

    /// <summary>Gets a parameter, or <paramref name="fallback"/> when it is missing.</summary>
    /// <param name="name">The parameter name.</param>
    /// <param name="fallback">The value used when the parameter is missing.</param>
    /// <returns>The parameter value.</returns>
    public double Parameter(string name, double fallback) => Parameters.TryGetValue(name, out var value) ? value : fallback;
}
