namespace WebMacs.Plugins;

/// <summary>The demo-mode signal shapes (reference §4.4 and §4.5.3).</summary>
public enum SimulationProfile
{
    /// <summary><c>B + A·sin(2πt/P)</c>.</summary>
    SineWave,

    /// <summary>A ramp from <c>B − A</c> towards <c>B + A</c> that restarts every period.</summary>
    Sawtooth,

    /// <summary>An accumulated random walk starting at <c>B</c> with steps of σ = 0.05·A, kept within the channel range.</summary>
    RandomWalk,

    /// <summary><c>B − A</c> during even periods and <c>B + A</c> during odd ones.</summary>
    Step,

    /// <summary><c>B</c>.</summary>
    Constant,
}
