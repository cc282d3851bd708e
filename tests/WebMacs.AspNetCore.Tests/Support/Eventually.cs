namespace WebMacs.AspNetCore.Tests.Support;

/// <summary>Bounded polling for an outcome that background work produces (no timing is asserted, only the outcome).</summary>
internal static class Eventually
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(30);

    /// <summary>Polls <paramref name="probe"/> until <paramref name="done"/> holds for its result; fails the test with <paramref name="what"/> after 30 s.</summary>
    public static async Task<T> UntilAsync<T>(Func<Task<T>> probe, Func<T, bool> done, string what)
    {
        var deadline = DateTime.UtcNow + Limit;
        while (true)
        {
            var value = await probe();
            if (done(value))
            {
                return value;
            }

            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail($"Timed out waiting for {what}; last seen: {Describe(value)}");
            }

            await Task.Delay(50, TestContext.Current.CancellationToken);
        }
    }

    public static Task UntilAsync(Func<bool> done, string what) => UntilAsync(() => Task.FromResult(done()), d => d, what);

    private static string Describe<T>(T value) => value is System.Collections.IEnumerable list and not string
        ? "[" + string.Join(", ", list.Cast<object?>().Select(o => o?.ToString())) + "]"
        : value?.ToString() ?? "null";
}
