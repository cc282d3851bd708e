using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Time.Testing;
using WebMacs.Persistence;

namespace WebMacs.AspNetCore.Tests.Ingestion;

/// <summary>
/// The in-memory cache behind ingestion validation, rules, webhook subscriptions and output channels: when a read
/// waits for the database and when it does not, and that no value older than its age limit is ever served.
/// </summary>
public sealed class VersionedCacheTests : IDisposable
{
    private static readonly TimeSpan MaxAge = TimeSpan.FromSeconds(10);

    private readonly FakeTimeProvider time = new();
    private readonly DataVersions versions = new();
    private readonly FakeLogger logger = new();
    private readonly Queue<TaskCompletionSource<string>> pending = new();
    private readonly VersionedCache<string> cache;
    private int loads;

    public VersionedCacheTests() =>
        cache = new VersionedCache<string>(versions, CachedData.Rules, time, () => MaxAge, Load, logger);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose() => cache.Dispose();

    [Fact]
    public async Task Get_WhileFresh_LoadsOnce()
    {
        var first = cache.GetAsync(Ct);
        Complete("v1");
        Assert.Equal("v1", await first);

        time.Advance(MaxAge / 2 - TimeSpan.FromMilliseconds(1));
        Assert.Equal("v1", await cache.GetAsync(Ct));
        Assert.Equal(1, Volatile.Read(ref loads));
    }

    [Fact]
    public async Task Get_PastHalfTheAge_AnswersAtOnceAndReloadsInTheBackgroundOnce()
    {
        await LoadFirstAsync("v1");
        time.Advance(MaxAge / 2);

        // Both reads answer from memory while the reload they started is still waiting for the database.
        Assert.Equal("v1", await cache.GetAsync(Ct));
        Assert.Equal("v1", await cache.GetAsync(Ct));
        await WaitForLoadsAsync(2);
        Complete("v2");

        await WaitUntilAsync(async () => await cache.GetAsync(Ct) == "v2");
        Assert.Equal(2, Volatile.Read(ref loads));

        // The reloaded value is young again: no further load until half its own age.
        time.Advance(MaxAge / 2 - TimeSpan.FromMilliseconds(1));
        Assert.Equal("v2", await cache.GetAsync(Ct));
        Assert.Equal(2, Volatile.Read(ref loads));
    }

    [Fact]
    public async Task Get_PastTheAgeLimit_WaitsForTheReload()
    {
        await LoadFirstAsync("v1");
        time.Advance(MaxAge);

        var read = cache.GetAsync(Ct).AsTask();
        await WaitForLoadsAsync(2);
        Assert.False(read.IsCompleted, "a value past its age limit must not be served");
        Complete("v2");
        Assert.Equal("v2", await read);
    }

    [Fact]
    public async Task Get_AfterALocalChange_WaitsForTheReloadEvenWhenYoung()
    {
        await LoadFirstAsync("v1");
        versions.Bump(CachedData.Rules);

        var read = cache.GetAsync(Ct).AsTask();
        await WaitForLoadsAsync(2);
        Assert.False(read.IsCompleted, "a value older than a change made in this process must not be served");
        Complete("v2");
        Assert.Equal("v2", await read);
    }

    [Fact]
    public async Task BackgroundReload_WhenTheDatabaseFails_KeepsTheValueLogsAndTheReaderPastTheLimitSeesTheError()
    {
        await LoadFirstAsync("v1");
        time.Advance(MaxAge / 2);
        Assert.Equal("v1", await cache.GetAsync(Ct));
        await WaitForLoadsAsync(2);
        Fail(new InvalidOperationException("database down"));

        await WaitUntilAsync(() => Task.FromResult(logger.Collector.Count > 0));
        var entry = Assert.Single(logger.Collector.GetSnapshot());
        Assert.Equal(LogLevel.Warning, entry.Level);
        Assert.Equal("database down", entry.Exception?.Message);

        // The old value is still served (it is within its age limit), and the read tries again in the background.
        Assert.Equal("v1", await cache.GetAsync(Ct));
        await WaitForLoadsAsync(3);
        Fail(new InvalidOperationException("still down"));
        await WaitUntilAsync(() => Task.FromResult(logger.Collector.Count > 1));

        time.Advance(MaxAge / 2);
        var read = cache.GetAsync(Ct).AsTask();
        await WaitForLoadsAsync(4);
        Assert.False(read.IsCompleted);
        Fail(new InvalidOperationException("down for good"));
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => read);
        Assert.Equal("down for good", error.Message);
    }

    private Task<string> Load(CancellationToken cancellationToken)
    {
        var load = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (pending)
        {
            pending.Enqueue(load);
        }

        Interlocked.Increment(ref loads);
        return load.Task;
    }

    private async Task LoadFirstAsync(string value)
    {
        var first = cache.GetAsync(Ct);
        Complete(value);
        Assert.Equal(value, await first);
    }

    private void Complete(string value) => Next().SetResult(value);

    private void Fail(Exception exception) => Next().SetException(exception);

    private TaskCompletionSource<string> Next()
    {
        lock (pending)
        {
            return pending.Dequeue();
        }
    }

    private Task WaitForLoadsAsync(int count) => WaitUntilAsync(() => Task.FromResult(Volatile.Read(ref loads) >= count));

    private static async Task WaitUntilAsync(Func<Task<bool>> condition)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "the condition did not become true within 10 s");
            await Task.Delay(10, Ct);
        }
    }
}
