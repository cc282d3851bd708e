using Microsoft.Extensions.Time.Testing;
using WebMacs.Acquisition;

namespace WebMacs.AspNetCore.Tests.Acquisition;

/// <summary>The drift-free schedule of the poll loops, on a fake clock.</summary>
public sealed class PollTickerTests
{
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(100);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task WaitAsync_BeforeTheInterval_CompletesOnlyWhenTheTickIsDue()
    {
        var time = new FakeTimeProvider();
        var ticker = new PollTicker(time, Interval);

        var wait = ticker.WaitAsync(Ct).AsTask();
        time.Advance(Interval - TimeSpan.FromMilliseconds(1));
        var earlyCompleted = wait.IsCompleted;
        time.Advance(TimeSpan.FromMilliseconds(1));

        Assert.False(earlyCompleted);
        Assert.Equal(1, await wait);
    }

    [Fact]
    public async Task WaitAsync_PollsOfVaryingLength_TicksStayOnTheGridOfTheOrigin()
    {
        var time = new FakeTimeProvider();
        var start = time.GetUtcNow();
        var ticker = new PollTicker(time, Interval);
        var at = new List<TimeSpan>();
        var early = new List<bool>();
        var pollLength = 0;

        foreach (var nextPollLength in new[] { 30, 99, 1, 50, 70, 0 })
        {
            var wait = ticker.WaitAsync(Ct).AsTask();
            time.Advance(TimeSpan.FromMilliseconds(100 - pollLength - 1));
            early.Add(wait.IsCompleted);
            time.Advance(TimeSpan.FromMilliseconds(1));
            await wait;
            at.Add(time.GetUtcNow() - start);
            pollLength = nextPollLength;
            time.Advance(TimeSpan.FromMilliseconds(pollLength));
        }

        Assert.All(early, Assert.False);
        Assert.Equal([100, 200, 300, 400, 500, 600], at.Select(t => t.TotalMilliseconds));
        Assert.Equal(0, ticker.Missed);
    }

    [Fact]
    public async Task WaitAsync_PollOverrunsTwoTicks_SkipsAndCountsThemAndRunsOnceWithoutBurst()
    {
        var time = new FakeTimeProvider();
        var ticker = new PollTicker(time, Interval);
        var first = ticker.WaitAsync(Ct).AsTask();
        time.Advance(Interval);
        await first;

        time.Advance(TimeSpan.FromMilliseconds(350));
        var late = await ticker.WaitAsync(Ct);
        var next = ticker.WaitAsync(Ct).AsTask();
        var burst = next.IsCompleted;
        time.Advance(TimeSpan.FromMilliseconds(50));

        Assert.Equal(4, late);
        Assert.Equal(2, ticker.Missed);
        Assert.False(burst);
        Assert.Equal(5, await next);
    }

    [Fact]
    public async Task WaitAsync_Cancelled_Throws()
    {
        var time = new FakeTimeProvider();
        var ticker = new PollTicker(time, Interval);
        using var cts = new CancellationTokenSource();

        var wait = ticker.WaitAsync(cts.Token).AsTask();
        await cts.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => wait);
    }
}
