using BenchmarkDotNet.Attributes;
using WebMacs.Domain;
using WebMacs.Ingestion;
using WebMacs.Rules;

namespace WebMacs.Benchmarks;

/// <summary>
/// Rule matching for one committed round (the last value of 100 events against 300 enabled rules): the engine's
/// rules-by-event map against scanning every rule for every value.
/// </summary>
[MemoryDiagnoser]
public class RuleEvaluationBenchmarks
{
    private LatestValue[] latest = [];
    private CachedRule[] rules = [];
    private Dictionary<int, CachedRule[]> byEvent = [];
    private DateTime now;

    [GlobalSetup]
    public void Setup()
    {
        now = DateTime.UtcNow;
        latest = Enumerable.Range(1, 100).Select(e => new LatestValue(e, Guid.NewGuid(), e * 1.5, now)).ToArray();
        var operators = Enum.GetValues<RuleOperator>();
        rules = Enumerable.Range(0, 300).Select(i => new CachedRule
        {
            Id = i,
            EventId = (i % 100) + 1,
            Name = $"rule-{i}",
            EventName = $"event-{i % 100}",
            Operator = operators[i % operators.Length],
            Threshold = 50 + (i % 7),
            ThresholdHigh = 120,
            ActionType = RuleActionType.Log,
            CooldownSeconds = 60,
        }).ToArray();
        byEvent = rules.GroupBy(r => r.EventId).ToDictionary(g => g.Key, g => g.ToArray());
    }

    [Benchmark(Baseline = true)]
    public int ScanAllRules()
    {
        var due = 0;
        foreach (var value in latest)
        {
            due += rules.Where(r => r.EventId == value.EventId)
                .Count(r => RuleCondition.Matches(r.Operator, value.Value, r.Threshold, r.ThresholdHigh) && !r.InCooldown(now));
        }

        return due;
    }

    [Benchmark]
    public int RulesByEvent()
    {
        var due = 0;
        foreach (var value in latest)
        {
            if (!byEvent.TryGetValue(value.EventId, out var candidates))
            {
                continue;
            }

            foreach (var rule in candidates)
            {
                if (RuleCondition.Matches(rule.Operator, value.Value, rule.Threshold, rule.ThresholdHigh) && !rule.InCooldown(now))
                {
                    due++;
                }
            }
        }

        return due;
    }
}
