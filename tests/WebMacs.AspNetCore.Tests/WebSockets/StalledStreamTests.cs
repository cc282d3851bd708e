using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using WebMacs.AspNetCore.Tests.Datapoints;
using WebMacs.AspNetCore.Tests.Support;
using WebMacs.Ingestion;
using WebMacs.Testing.Hosting;
using static WebMacs.AspNetCore.Tests.Support.Http;
using static WebMacs.AspNetCore.Tests.WebSockets.TelemetryFrames;

namespace WebMacs.AspNetCore.Tests.WebSockets;

/// <summary>A stream client that never reads must not slow ingestion: its queue drops (and counts) frames instead.</summary>
public sealed class StalledStreamTests(WebMacsHosts hosts) : IClassFixture<WebMacsHosts>
{
    private const int Batches = 300;

    [Theory]
    [MemberData(nameof(TestStores.All), MemberType = typeof(TestStores))]
    public async Task Ingest_WithAStalledStreamClient_AcksEveryBatchAndDropsFrames(TestStore store)
    {
        await using var host = await hosts.StartAsync(
            store,
            new Dictionary<string, string?> { ["WebMacs:WebSockets:StreamQueueCapacity"] = "2" },
            configureBuilder: b => b.Services.AddSingleton<TimeProvider>(new SteppingTimeProvider()));
        var token = await host.LoginAsync();
        var linked = await CreateLinkedEventsAsync(host, 50);
        await using var stalled = await WsClient.ConnectAsync(host, WsClient.Stream, token);
        await using var telemetry = await WsClient.ConnectAsync(host, WsClient.Telemetry, token);
        var message = SpreadBatch(linked, 500, "stalled-test");

        for (var seq = 1; seq <= Batches; seq++)
        {
            await telemetry.SendTextAsync(message.Replace("\"seq\":0,", $"\"seq\":{seq},", StringComparison.Ordinal));
            AssertAck(await telemetry.ReceiveJsonAsync(), seq);
        }

        var ids = linked.Select(e => e.Id).ToList();
        Assert.Equal(Batches * 500, await host.WithDbAsync(db => db.Datapoints.CountAsync(d => ids.Contains(d.EventId), Ct)));
        Assert.True(host.Services.GetRequiredService<DatapointFeed>().DroppedFrames > 0, "The stalled client's queue should have dropped frames.");
        stalled.Abort();
    }

    [Fact]
    public async Task Ingest_WithAStreamClientThatNeverReads_DisconnectsItAfterTheSendTimeout()
    {
        await using var host = await hosts.StartAsync(
            TestStore.Sqlite,
            new Dictionary<string, string?>
            {
                ["WebMacs:WebSockets:StreamQueueCapacity"] = "2",
                ["WebMacs:WebSockets:StreamSendTimeout"] = "00:00:00.500",
            },
            configureBuilder: b => b.Services.AddSingleton<TimeProvider>(new SteppingTimeProvider()));
        var token = await host.LoginAsync();
        var linked = await CreateLinkedEventsAsync(host, 50);

        await using var stalled = await WsClient.ConnectAsync(host, WsClient.Stream, token);
        await using var telemetry = await WsClient.ConnectAsync(host, WsClient.Telemetry, token);
        var message = SpreadBatch(linked, 500, "never-reads");
        var feed = host.Services.GetRequiredService<DatapointFeed>();

        // Every batch passes the throttle (the stepping clock) and its frame carries all 50 events (~6 KB), so frames pile
        // up until the loopback socket buffers (several MB) are full and a send blocks; the server then gives up on the
        // client instead of waiting for it.
        var sent = 0;
        for (var seq = 1; seq <= Batches * 10 && feed.DisconnectedSubscribers == 0; seq++, sent++)
        {
            await telemetry.SendTextAsync(message.Replace("\"seq\":0,", $"\"seq\":{seq},", StringComparison.Ordinal));
            AssertAck(await telemetry.ReceiveJsonAsync(), seq);
        }

        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (feed.DisconnectedSubscribers == 0 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50, Ct);
        }

        Assert.True(
            feed.DisconnectedSubscribers == 1,
            $"Expected the non-reading client to be disconnected; {sent} batches sent, {feed.DroppedFrames} frames dropped, {feed.DisconnectedSubscribers} clients disconnected, client state {stalled.State}.");
        stalled.Abort();
    }

    private static async Task<List<TestEvent>> CreateLinkedEventsAsync(WebMacsTestHost host, int count)
    {
        var linked = new List<TestEvent>();
        for (var i = 0; i < count; i++)
        {
            linked.Add(await host.CreateLinkedEventAsync());
        }

        return linked;
    }

    /// <summary>A telemetry message with <paramref name="count"/> items spread over <paramref name="events"/> and seq 0.</summary>
    private static string SpreadBatch(List<TestEvent> events, int count, string source)
    {
        var text = new StringBuilder().Append(CultureInfo.InvariantCulture, $"{{\"source\":\"{source}\",\"seq\":0,\"datapoints\":[");
        for (var i = 0; i < count; i++)
        {
            text.Append(i == 0 ? string.Empty : ",")
                .Append(CultureInfo.InvariantCulture, $"{{\"value\":{i},\"event_public_id\":\"{events[i % events.Count].PublicId}\"}}");
        }

        return text.Append("]}").ToString();
    }
}
