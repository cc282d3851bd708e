using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using WebMacs.AspNetCore.Tests.Datapoints;
using WebMacs.AspNetCore.Tests.Support;
using WebMacs.Ingestion;
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
        var linked = await host.CreateLinkedEventAsync();
        await using var stalled = await WsClient.ConnectAsync(host, WsClient.Stream, token);
        await using var telemetry = await WsClient.ConnectAsync(host, WsClient.Telemetry, token);
        var message = Batch(linked, 500, 21.5, "stalled-test", 0);

        for (var seq = 1; seq <= Batches; seq++)
        {
            await telemetry.SendTextAsync(message.Replace("\"seq\":0,", $"\"seq\":{seq},", StringComparison.Ordinal));
            AssertAck(await telemetry.ReceiveJsonAsync(), seq);
        }

        Assert.Equal(Batches * 500, await host.WithDbAsync(db => db.Datapoints.CountAsync(d => d.EventId == linked.Id, Ct)));
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
        var linked = await host.CreateLinkedEventAsync();
        await using var stalled = await WsClient.ConnectAsync(host, WsClient.Stream, token);
        await using var telemetry = await WsClient.ConnectAsync(host, WsClient.Telemetry, token);
        var message = Batch(linked, 500, 21.5, "never-reads", 0);
        var feed = host.Services.GetRequiredService<DatapointFeed>();

        // Every batch passes the throttle (the stepping clock), so frames pile up until the socket buffers are full and a
        // send blocks; the server then gives up on the client instead of waiting for it.
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
}
