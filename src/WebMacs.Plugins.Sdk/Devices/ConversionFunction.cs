namespace WebMacs.Plugins;

/// <summary>Converts <paramref name="value"/> with the <paramref name="parameters"/> of a <see cref="ConversionSpec"/>.</summary>
/// <param name="value">The value to convert.</param>
/// <param name="parameters">The parameters of the conversion.</param>
/// <returns>The converted value.</returns>
public delegate double ConversionFunction(double value, IReadOnlyDictionary<string, double> parameters);
