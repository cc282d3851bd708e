namespace WebMacs.Plugins.Tests.Devices;

public sealed class ConversionSpecTests
{
    [Fact]
    public void Convert_Linear_ScalesAndOffsets()
    {
        var spec = ConversionSpec.Linear(2, 10);

        Assert.Equal(20, spec.Convert(5));
        Assert.Equal(5, spec.Invert(20));
    }

    [Fact]
    public void Convert_Divide_Divides()
    {
        var spec = ConversionSpec.Divide(10);

        Assert.Equal(180, spec.Convert(1800));
        Assert.Equal(1800, spec.Invert(180));
    }

    [Fact]
    public void Convert_ZeroDivisorOrScale_GivesZero()
    {
        Assert.Equal(0, ConversionSpec.Divide(0).Convert(5));
        Assert.Equal(0, ConversionSpec.Linear(0).Invert(5));
    }

    [Fact]
    public void Convert_Clamp_ClampsForwardAndInverseIsIdentity()
    {
        var spec = ConversionSpec.Clamp(0, 10);

        Assert.Equal((10.0, 0.0, 42.0), (spec.Convert(42), spec.Convert(-1), spec.Invert(42)));
    }

    [Fact]
    public void Convert_UnknownType_IsIdentity()
    {
        var spec = ConversionSpec.Named("no_such_conversion_xyz");

        Assert.False(spec.IsKnown);
        Assert.Equal((3.5, 3.5), (spec.Convert(3.5), spec.Invert(3.5)));
    }

    [Fact]
    public void Convert_None_IsIdentity() => Assert.Equal((7.0, 7.0), (ConversionSpec.None.Convert(7), ConversionSpec.None.Invert(7)));

    [Fact]
    public void Register_CustomConversion_RoundTrips()
    {
        ConversionRegistry.Register("celsius_to_ma_test", (v, p) => 4 + (16 * v / p["span"]), (v, p) => (v - 4) * p["span"] / 16);
        try
        {
            var spec = ConversionSpec.Named("celsius_to_ma_test", new Dictionary<string, double> { ["span"] = 100 });

            Assert.True(spec.IsKnown);
            Assert.Equal(12, spec.Convert(50));
            Assert.Equal(50, spec.Invert(12));
        }
        finally
        {
            Assert.True(ConversionRegistry.Unregister("celsius_to_ma_test"));
        }
    }

    [Fact]
    public void Register_WithoutInverse_InverseIsIdentity()
    {
        ConversionRegistry.Register("double_test", (v, _) => v * 2);
        try
        {
            Assert.Equal((8.0, 4.0), (ConversionSpec.Named("double_test").Convert(4), ConversionSpec.Named("double_test").Invert(4)));
        }
        finally
        {
            ConversionRegistry.Unregister("double_test");
        }
    }

    [Fact]
    public void Register_BuiltInName_Throws() =>
        Assert.Throws<ArgumentException>(() => ConversionRegistry.Register("linear", (v, _) => v));
}
