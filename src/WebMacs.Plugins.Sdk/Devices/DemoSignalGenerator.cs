using System.Diagnostics.CodeAnalysis;
using System.Text;

namespace WebMacs.Plugins;

/// <summary>
/// Produces demo-mode values (reference §4.5.3) for the channels of one plugin instance: time-based sine, sawtooth and
/// step signals, a real accumulated random walk, Gaussian noise, clamped to the channel range and rounded to 3
/// decimals. The random source is seeded from a stable hash of the instance name, so a run is reproducible.
/// </summary>
[SuppressMessage("Security", "CA5394:Do not use insecure randomness", Justification = "Demo signals, not security: the seed must be reproducible.")]
public sealed class DemoSignalGenerator
{
    private const double WalkStepFraction = 0.05;
    private readonly TimeProvider time;
    private readonly Random random;
    private readonly Dictionary<string, double> walks = new(StringComparer.Ordinal);
    private readonly Lock gate = new();
    private long? start;

    /// <summary>Creates a generator for the instance named <paramref name="seedName"/>.</summary>
    /// <param name="seedName">The instance name the random seed is derived from.</param>
    /// <param name="timeProvider">The clock the signal time comes from; null uses the system clock.</param>
    public DemoSignalGenerator(string seedName, TimeProvider? timeProvider = null)
    {
        time = timeProvider ?? TimeProvider.System;
        Seed = StableSeed(seedName ?? "");
        random = new Random(Seed);
    }

    /// <summary>Gets the random seed, the 32-bit FNV-1a hash of the UTF-8 instance name.</summary>
    public int Seed { get; }

    /// <summary>Computes the next demo value of <paramref name="channel"/>.</summary>
    /// <param name="channel">The channel whose <see cref="ChannelDescriptor.Simulation"/> drives the value.</param>
    /// <returns>The value, within the channel range and rounded to 3 decimals.</returns>
    public double Next(ChannelDescriptor channel)
    {
        ArgumentNullException.ThrowIfNull(channel);
        var spec = channel.Simulation ?? SimulationSpec.Default;
        var (min, max) = Range(channel);
        lock (gate)
        {
            var now = time.GetTimestamp();
            start ??= now;
            var t = time.GetElapsedTime(start.Value, now).TotalSeconds;
            var value = Shape(channel.Id, spec, t, min, max);
            if (spec.Noise > 0)
            {
                value += Gaussian(spec.Noise);
            }

            return Math.Round(Math.Clamp(value, min, max), 3, MidpointRounding.AwayFromZero);
        }
    }

    /// <summary>Computes the stable seed of <paramref name="name"/> (32-bit FNV-1a of its UTF-8 bytes).</summary>
    /// <param name="name">The instance name.</param>
    /// <returns>The seed.</returns>
    public static int StableSeed(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var hash = 2166136261u;
        foreach (var b in Encoding.UTF8.GetBytes(name))
        {
            hash = unchecked((hash ^ b) * 16777619u);
        }

        return unchecked((int)hash);
    }

    private double Shape(string channelId, SimulationSpec spec, double t, double min, double max)
    {
        var b = spec.BaseValue;
        var a = spec.Amplitude;
        var p = spec.PeriodSeconds;
        switch (spec.Profile)
        {
            case SimulationProfile.Sawtooth:
                return b - a + (2 * a * (t % p / p));
            case SimulationProfile.Step:
                return (long)Math.Floor(t / p) % 2 == 1 ? b + a : b - a;
            case SimulationProfile.Constant:
                return b;
            case SimulationProfile.RandomWalk:
                var previous = walks.TryGetValue(channelId, out var last) ? last : Math.Clamp(b, min, max);
                var next = Math.Clamp(previous + Gaussian(WalkStepFraction * a), min, max);
                walks[channelId] = next;
                return next;
            case SimulationProfile.SineWave:
            default:
                return b + (a * Math.Sin(2 * Math.PI * t / p));
        }
    }

    private double Gaussian(double sigma)
    {
        if (sigma <= 0)
        {
            return 0;
        }

        // Box–Muller: 1 − U keeps the logarithm's argument in (0, 1].
        var u1 = 1.0 - random.NextDouble();
        var u2 = random.NextDouble();
        return sigma * Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
    }

    private static (double Min, double Max) Range(ChannelDescriptor channel) =>
        channel.MinValue <= channel.MaxValue ? (channel.MinValue, channel.MaxValue) : (channel.MaxValue, channel.MinValue);
}
