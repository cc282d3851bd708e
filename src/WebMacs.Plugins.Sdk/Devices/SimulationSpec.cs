namespace WebMacs.Plugins;

/// <summary>Describes the signal demo mode produces for a channel, in engineering units (reference §4.4).</summary>
public sealed record SimulationSpec
{
    private readonly double amplitude = 1;
    private readonly double periodSeconds = 60;
    private readonly double noise;

    /// <summary>Gets the default: a sine wave around 0 with amplitude 1 and a 60 s period.</summary>
    public static SimulationSpec Default { get; } = new();

    /// <summary>Gets the signal shape.</summary>
    public SimulationProfile Profile { get; init; } = SimulationProfile.SineWave;

    /// <summary>Gets the centre value <c>B</c>.</summary>
    public double BaseValue { get; init; }

    /// <summary>Gets the amplitude <c>A</c> (≥ 0).</summary>
    public double Amplitude
    {
        get => amplitude;
        init => amplitude = value >= 0 && double.IsFinite(value) ? value : throw new ArgumentOutOfRangeException(nameof(Amplitude), value, "The amplitude must be a finite value ≥ 0.");
    }

    /// <summary>Gets the period <c>P</c> in seconds (≥ 1).</summary>
    public double PeriodSeconds
    {
        get => periodSeconds;
        init => periodSeconds = value >= 1 && double.IsFinite(value) ? value : throw new ArgumentOutOfRangeException(nameof(PeriodSeconds), value, "The period must be a finite value ≥ 1 s.");
    }

    /// <summary>Gets the standard deviation of the Gaussian noise added to every value (≥ 0, absolute units).</summary>
    public double Noise
    {
        get => noise;
        init => noise = value >= 0 && double.IsFinite(value) ? value : throw new ArgumentOutOfRangeException(nameof(Noise), value, "The noise must be a finite value ≥ 0.");
    }
}
