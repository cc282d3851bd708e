using System.Text.Json;
using Microsoft.Extensions.Time.Testing;
using WebMacs.Ingestion;

namespace WebMacs.Tests.Ingestion;

/// <summary>The live feed: the 200 ms per-event throttle, subscriber filters and the bounded, dropping queues.</summary>
public sealed class DatapointFeedTests
{
    private static readonly DateTime At = new(2026, 1, 2, 3, 4, 5, DateTimeKind.Utc);

    [Fact]
    public void Publish_SameEventWithinThrottle_IsPushedOnce()
    {
        var time = new FakeTimeProvider();
        var feed = new DatapointFeed(time);
        using var subscription = feed.Subscribe(16);
        var id = Guid.NewGuid();

        feed.Publish([new FeedItem(id, 1, At)], null);
        time.Advance(TimeSpan.FromMilliseconds(199));
        feed.Publish([new FeedItem(id, 2, At)], null);
        time.Advance(TimeSpan.FromMilliseconds(1));
        feed.Publish([new FeedItem(id, 3, At), new FeedItem(id, 4, At)], null);

        Assert.Equal([[1.0], [3.0, 4.0]], Drain(subscription).Select(Values));
    }

    [Fact]
    public void Publish_Frame_UsesPythonFloatsAndOffsetTimestamps()
    {
        var feed = new DatapointFeed(new FakeTimeProvider());
        using var subscription = feed.Subscribe(16);
        var id = Guid.NewGuid();
        var experiment = Guid.NewGuid();

        feed.Publish([new FeedItem(id, 2, At.AddTicks(1_234_560))], experiment);

        Assert.True(subscription.Frames.TryRead(out var frame));
        Assert.Equal(
            $$"""{"type":"datapoints_batch","datapoints":[{"value":2.0,"event_public_id":"{{id}}","timestamp":"2026-01-02T03:04:05.123456+00:00","experiment_public_id":"{{experiment}}"}]}""",
            System.Text.Encoding.UTF8.GetString(frame));
    }

    [Fact]
    public void Publish_FilteredSubscriber_GetsOnlyItsEvents()
    {
        var feed = new DatapointFeed(new FakeTimeProvider());
        using var all = feed.Subscribe(16);
        using var filtered = feed.Subscribe(16);
        var wanted = Guid.NewGuid();
        var other = Guid.NewGuid();
        filtered.Filter = new HashSet<Guid> { wanted };

        feed.Publish([new FeedItem(other, 1, At)], null);
        feed.Publish([new FeedItem(other, 2, At), new FeedItem(wanted, 3, At)], null);

        Assert.Equal([[1.0], [3.0]], Drain(all).Select(Values).Take(1).Concat(Drain(filtered).Select(Values)));
    }

    [Fact]
    public void Publish_FullQueue_DropsTheOldestAndCountsIt()
    {
        var time = new FakeTimeProvider();
        var feed = new DatapointFeed(time);
        using var subscription = feed.Subscribe(2);
        var id = Guid.NewGuid();

        for (var i = 1; i <= 5; i++)
        {
            feed.Publish([new FeedItem(id, i, At)], null);
            time.Advance(TimeSpan.FromSeconds(1));
        }

        Assert.Equal([[4.0], [5.0]], Drain(subscription).Select(Values));
        Assert.Equal(3, subscription.Dropped);
        Assert.Equal(3, feed.DroppedFrames);
    }

    [Fact]
    public void Dispose_Subscription_StopsDelivery()
    {
        var feed = new DatapointFeed(new FakeTimeProvider());
        var subscription = feed.Subscribe(4);
        subscription.Dispose();

        feed.Publish([new FeedItem(Guid.NewGuid(), 1, At)], null);

        Assert.False(subscription.Frames.TryRead(out _));
    }

    private static List<byte[]> Drain(DatapointFeedSubscription subscription)
    {
        var frames = new List<byte[]>();
        while (subscription.Frames.TryRead(out var frame))
        {
            frames.Add(frame);
        }

        return frames;
    }

    private static double[] Values(byte[] frame)
    {
        using var document = JsonDocument.Parse(frame);
        return [.. document.RootElement.GetProperty("datapoints").EnumerateArray().Select(d => d.GetProperty("value").GetDouble())];
    }
}
