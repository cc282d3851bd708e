using WebMacs.Domain;
using WebMacs.Rules;

namespace WebMacs.AspNetCore.Tests.Rules;

/// <summary>The seven conditions of reference §6.2 at and around their boundaries.</summary>
public sealed class RuleConditionTests
{
    [Theory]
    [InlineData("gt", 10.000001, true)]
    [InlineData("gt", 10.0, false)]
    [InlineData("gt", 9.999999, false)]
    [InlineData("lt", 9.999999, true)]
    [InlineData("lt", 10.0, false)]
    [InlineData("lt", 10.000001, false)]
    [InlineData("eq", 10.0, true)]
    [InlineData("eq", 10.0000000005, true)]
    [InlineData("eq", 9.9999999995, true)]
    [InlineData("eq", 10.000000002, false)]
    [InlineData("eq", 9.999999998, false)]
    [InlineData("gte", 10.0, true)]
    [InlineData("gte", 9.999999, false)]
    [InlineData("lte", 10.0, true)]
    [InlineData("lte", 10.000001, false)]
    public void Matches_SingleThreshold_AtTheBoundary(string op, double value, bool expected) =>
        Assert.Equal(expected, RuleCondition.Matches(Parse(op), value, 10.0, high: null));

    [Theory]
    [InlineData("between", 10.0, true)]
    [InlineData("between", 20.0, true)]
    [InlineData("between", 15.0, true)]
    [InlineData("between", 9.999999, false)]
    [InlineData("between", 20.000001, false)]
    [InlineData("not_between", 10.0, false)]
    [InlineData("not_between", 20.0, false)]
    [InlineData("not_between", 15.0, false)]
    [InlineData("not_between", 9.999999, true)]
    [InlineData("not_between", 20.000001, true)]
    public void Matches_Range_IncludesBothEnds(string op, double value, bool expected) =>
        Assert.Equal(expected, RuleCondition.Matches(Parse(op), value, 10.0, 20.0));

    [Theory]
    [InlineData("between", 15.0)]
    [InlineData("not_between", 15.0)]
    [InlineData("not_between", -1e9)]
    [InlineData("not_between", 1e9)]
    public void Matches_RangeWithoutHighThreshold_IsFalse(string op, double value) =>
        Assert.False(RuleCondition.Matches(Parse(op), value, 10.0, high: null));

    [Theory]
    [InlineData("gt")]
    [InlineData("lt")]
    [InlineData("gte")]
    [InlineData("lte")]
    public void Matches_HighThresholdIsIgnoredBySingleThresholdOperators(string op) =>
        Assert.Equal(RuleCondition.Matches(Parse(op), 15.0, 10.0, null), RuleCondition.Matches(Parse(op), 15.0, 10.0, 12.0));

    private static RuleOperator Parse(string wire) =>
        WireEnum<RuleOperator>.TryParse(wire, out var op) ? op : throw new ArgumentException($"Unknown operator {wire}", nameof(wire));
}
