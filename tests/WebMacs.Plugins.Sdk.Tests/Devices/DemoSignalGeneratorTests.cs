using Microsoft.Extensions.Time.Testing;

namespace WebMacs.Plugins.Tests.Devices;

public sealed class DemoSignalGeneratorTests
{
    private static ChannelDescriptor Channel(SimulationSpec spec, double min = -1000, double max = 1000) =>
        new() { Id = "c", Name = "C", Direction = ChannelDirection.Input, Unit = "u", MinValue = min, MaxValue = max, Simulation = spec };

    [Fact]
    public void Next_SineAtQuarterPeriod_IsBasePlusAmplitude()
    {
        var time = new FakeTimeProvider();
        var generator = new DemoSignalGenerator("rig", time);
        var channel = Channel(new SimulationSpec { BaseValue = 10, Amplitude = 5, PeriodSeconds = 40 });

        var first = generator.Next(channel);
        time.Advance(TimeSpan.FromSeconds(10));

        Assert.Equal(10, first);
        Assert.Equal(15, generator.Next(channel));
    }

    [Fact]
    public void Next_Step_IsLowInTheFirstPeriodThenHigh()
    {
        var time = new FakeTimeProvider();
        var generator = new DemoSignalGenerator("rig", time);
        var channel = Channel(new SimulationSpec { Profile = SimulationProfile.Step, BaseValue = 10, Amplitude = 2, PeriodSeconds = 5 });

        var low = generator.Next(channel);
        time.Advance(TimeSpan.FromSeconds(6));

        Assert.Equal((8.0, 12.0), (low, generator.Next(channel)));
    }

    [Fact]
    public void Next_Sawtooth_RampsFromBaseMinusAmplitude()
    {
        var time = new FakeTimeProvider();
        var generator = new DemoSignalGenerator("rig", time);
        var channel = Channel(new SimulationSpec { Profile = SimulationProfile.Sawtooth, BaseValue = 20, Amplitude = 10, PeriodSeconds = 10 });

        var start = generator.Next(channel);
        time.Advance(TimeSpan.FromSeconds(5));

        Assert.Equal((10.0, 20.0), (start, generator.Next(channel)));
    }

    [Fact]
    public void Next_Constant_IsTheBase() =>
        Assert.Equal(7.5, new DemoSignalGenerator("x").Next(Channel(new SimulationSpec { Profile = SimulationProfile.Constant, BaseValue = 7.5 })));

    [Fact]
    public void Next_OutOfRange_ClampsToTheChannelRange()
    {
        var generator = new DemoSignalGenerator("x");

        Assert.Equal(100, generator.Next(Channel(new SimulationSpec { Profile = SimulationProfile.Constant, BaseValue = 500 }, 0, 100)));
    }

    [Fact]
    public void Next_WithNoise_RoundsToThreeDecimals()
    {
        var generator = new DemoSignalGenerator("x");
        var channel = Channel(new SimulationSpec { Profile = SimulationProfile.Constant, BaseValue = 1, Noise = 0.3 });

        for (var i = 0; i < 50; i++)
        {
            var value = generator.Next(channel);
            Assert.Equal(Math.Round(value, 3), value);
        }
    }

    [Fact]
    public void Next_RandomWalk_AccumulatesAndStaysInRange()
    {
        var generator = new DemoSignalGenerator("walk");
        var channel = Channel(new SimulationSpec { Profile = SimulationProfile.RandomWalk, BaseValue = 3, Amplitude = 1.5 }, 0, 6);

        var values = Enumerable.Range(0, 2000).Select(_ => generator.Next(channel)).ToList();

        Assert.All(values, v => Assert.InRange(v, 0, 6));
        // A walk with σ = 0.075 per step wanders: after 2000 steps it has moved far more than memoryless jitter
        // around 3 (σ 0.075) ever would, and consecutive values stay close.
        Assert.True(values.Max() - values.Min() > 1.0, $"range {values.Min()}..{values.Max()}");
        Assert.All(values.Zip(values.Skip(1)), pair => Assert.InRange(Math.Abs(pair.First - pair.Second), 0, 0.75));
    }

    [Fact]
    public void Next_SameInstanceName_IsReproducible()
    {
        var channel = Channel(new SimulationSpec { Profile = SimulationProfile.RandomWalk, BaseValue = 50, Amplitude = 20, Noise = 0.5 }, 0, 100);
        var a = new DemoSignalGenerator("Reactor A", new FakeTimeProvider());
        var b = new DemoSignalGenerator("Reactor A", new FakeTimeProvider());
        var c = new DemoSignalGenerator("Reactor B", new FakeTimeProvider());

        var first = Enumerable.Range(0, 20).Select(_ => a.Next(channel)).ToList();

        Assert.Equal(first, Enumerable.Range(0, 20).Select(_ => b.Next(channel)));
        Assert.NotEqual(first, Enumerable.Range(0, 20).Select(_ => c.Next(channel)));
    }

    [Fact]
    public void StableSeed_KnownName_IsTheFnv1aHash() =>
        Assert.Equal(unchecked((int)0x811C9DC5u), DemoSignalGenerator.StableSeed(""));

    [Theory]
    [InlineData(-1, 60, 0)]
    [InlineData(1, 0.5, 0)]
    [InlineData(1, 60, -0.1)]
    public void SimulationSpec_OutOfBounds_Throws(double amplitude, double period, double noise) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new SimulationSpec { Amplitude = amplitude, PeriodSeconds = period, Noise = noise });
}
