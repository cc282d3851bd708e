using WebMacs.Common;

namespace WebMacs.Tests.Common;

public class PythonFloatTests
{
    // Expected texts are Python 3's repr() of the same doubles, checked with python3 on this machine.
    [Theory]
    [InlineData(1.0, "1.0")]
    [InlineData(23.45, "23.45")]
    [InlineData(1e-05, "1e-05")]
    [InlineData(0.0001, "0.0001")]
    [InlineData(0.00012345, "0.00012345")]
    [InlineData(1.5e-07, "1.5e-07")]
    [InlineData(123456789012345678.0, "1.2345678901234568e+17")]
    [InlineData(1e16, "1e+16")]
    [InlineData(1e15, "1000000000000000.0")]
    [InlineData(1234567890123456.0, "1234567890123456.0")]
    [InlineData(9999999999999998.0, "9999999999999998.0")]
    [InlineData(9007199254740992.0, "9007199254740992.0")]
    [InlineData(-2.5, "-2.5")]
    [InlineData(-1e22, "-1e+22")]
    [InlineData(100.0, "100.0")]
    [InlineData(3.14159, "3.14159")]
    [InlineData(5e-324, "5e-324")]
    [InlineData(1.7976931348623157e308, "1.7976931348623157e+308")]
    [InlineData(0.1 + 0.2, "0.30000000000000004")]
    [InlineData(0.0, "0.0")]
    [InlineData(-0.0, "-0.0")]
    public void Format_Value_MatchesPythonRepr(double value, string expected) => Assert.Equal(expected, PythonFloat.Format(value));

    [Theory]
    [InlineData(1.0)]
    [InlineData(23.45)]
    [InlineData(1e-05)]
    [InlineData(123456789012345678.0)]
    [InlineData(5e-324)]
    [InlineData(1.7976931348623157e308)]
    [InlineData(-0.1)]
    public void Format_Value_RoundTrips(double value) =>
        Assert.Equal(value, double.Parse(PythonFloat.Format(value), System.Globalization.CultureInfo.InvariantCulture));
}
