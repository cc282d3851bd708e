using WebMacs.Domain;

namespace WebMacs.Rules;

/// <summary>The seven rule conditions of reference §6.2.</summary>
internal static class RuleCondition
{
    /// <summary>The tolerance of <c>eq</c>.</summary>
    public const double Epsilon = 1e-9;

    /// <summary>Tells whether <paramref name="value"/> meets the condition (<c>between</c>/<c>not_between</c> are false without a high threshold).</summary>
    public static bool Matches(RuleOperator op, double value, double threshold, double? high) => op switch
    {
        RuleOperator.Gt => value > threshold,
        RuleOperator.Lt => value < threshold,
        RuleOperator.Eq => Math.Abs(value - threshold) < Epsilon,
        RuleOperator.Gte => value >= threshold,
        RuleOperator.Lte => value <= threshold,
        RuleOperator.Between => high is { } h && threshold <= value && value <= h,
        RuleOperator.NotBetween => high is { } h && (value < threshold || value > h),
        _ => false,
    };
}
