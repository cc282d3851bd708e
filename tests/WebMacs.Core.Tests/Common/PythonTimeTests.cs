using WebMacs.Common;

namespace WebMacs.Tests.Common;

public class PythonTimeTests
{
    // Expected texts are Python 3's datetime(..., tzinfo=timezone.utc).isoformat(), checked with python3 on this machine.
    [Theory]
    [InlineData(2025, 1, 15, 14, 32, 10, 123456, "2025-01-15T14:32:10.123456+00:00")]
    [InlineData(2025, 1, 15, 14, 32, 10, 0, "2025-01-15T14:32:10+00:00")]
    [InlineData(2025, 1, 15, 14, 32, 10, 1, "2025-01-15T14:32:10.000001+00:00")]
    [InlineData(1, 1, 1, 0, 0, 0, 0, "0001-01-01T00:00:00+00:00")]
    [InlineData(9999, 12, 31, 23, 59, 59, 999999, "9999-12-31T23:59:59.999999+00:00")]
    public void Format_UtcTime_MatchesPythonIsoformat(int year, int month, int day, int hour, int minute, int second, int microsecond, string expected)
    {
        var time = new DateTime(year, month, day, hour, minute, second, DateTimeKind.Utc).AddTicks(microsecond * 10L);

        Assert.Equal(expected, PythonTime.Format(time));
    }

    [Fact]
    public void Format_SubMicrosecondTicks_TruncatesToMicroseconds()
    {
        var time = new DateTime(2025, 1, 15, 14, 32, 10, DateTimeKind.Utc).AddTicks(1_234_569);

        Assert.Equal("2025-01-15T14:32:10.123456+00:00", PythonTime.Format(time));
    }
}
