using System.Globalization;
using Microsoft.EntityFrameworkCore;
using WebMacs.AspNetCore.Tests.Datapoints;
using WebMacs.AspNetCore.Tests.Support;
using static WebMacs.AspNetCore.Tests.Support.Http;
using static WebMacs.AspNetCore.Tests.WebSockets.TelemetryFrames;

namespace WebMacs.AspNetCore.Tests.WebSockets;

/// <summary>The telemetry extensions (compat-decisions "Extensions"): source/seq acks with duplicate suppression, client timestamps.</summary>
public sealed class TelemetryExtensionsTests(WebMacsHosts hosts) : IClassFixture<WebMacsHosts>
{
    [Theory]
    [MemberData(nameof(TestStores.All), MemberType = typeof(TestStores))]
    public async Task Send_SameSourceAndSeqTwice_AcksTwiceAndStoresOnce(TestStore store)
    {
        var host = await hosts.GetAsync(store);
        var linked = await host.CreateLinkedEventAsync();
        var source = $"controller-{Guid.NewGuid():N}";
        var token = await host.LoginAsync();
        await using (var client = await WsClient.ConnectAsync(host, WsClient.Telemetry, token))
        {
            await client.SendTextAsync(Batch(linked, 3, 1.0, source, 1));
            AssertAck(await client.ReceiveJsonAsync(), 1);
            await client.SendTextAsync(Batch(linked, 3, 1.0, source, 1));
            AssertAck(await client.ReceiveJsonAsync(), 1);
            await client.SendTextAsync(Batch(linked, 3, 9.0, source, 0));
            AssertAck(await client.ReceiveJsonAsync(), 0);
        }

        // A reconnecting controller resends what it had not seen acknowledged, then carries on.
        await using (var again = await WsClient.ConnectAsync(host, WsClient.Telemetry, token))
        {
            await again.SendTextAsync(Batch(linked, 3, 1.0, source, 1));
            AssertAck(await again.ReceiveJsonAsync(), 1);
            await again.SendTextAsync(Batch(linked, 2, 2.0, source, 2));
            AssertAck(await again.ReceiveJsonAsync(), 2);
        }

        Assert.Equal([1.0, 1.0, 1.0, 2.0, 2.0], (await host.DatapointsOfAsync(linked)).Select(d => d.Value));
        var row = await host.WithDbAsync(db => db.TelemetrySources.AsNoTracking().SingleAsync(s => s.Source == source, Ct));
        Assert.Equal(2, row.LastSeq);
    }

    [Theory]
    [MemberData(nameof(TestStores.All), MemberType = typeof(TestStores))]
    public async Task Send_SeqForUnlinkedOrEmptyBatch_IsAcknowledged(TestStore store)
    {
        var host = await hosts.GetAsync(store);
        var unlinked = await host.CreateEventAsync();
        var source = $"controller-{Guid.NewGuid():N}";
        await using var client = await WsClient.ConnectAsync(host, WsClient.Telemetry, await host.LoginAsync());

        await client.SendTextAsync(Batch(unlinked, 2, 1.0, source, 10));
        AssertAck(await client.ReceiveJsonAsync(), 10);
        await client.SendTextAsync($$"""{"source":"{{source}}","seq":11,"datapoints":[]}""");
        AssertAck(await client.ReceiveJsonAsync(), 11);

        Assert.Empty(await host.DatapointsOfAsync(unlinked));
    }

    [Theory]
    [MemberData(nameof(TestStores.All), MemberType = typeof(TestStores))]
    public async Task Send_SeqAcrossSources_IsTrackedPerSource(TestStore store)
    {
        var host = await hosts.GetAsync(store);
        var linked = await host.CreateLinkedEventAsync();
        await using var client = await WsClient.ConnectAsync(host, WsClient.Telemetry, await host.LoginAsync());

        await client.SendTextAsync(Batch(linked, 1, 1.0, $"a-{linked.Public}", 5));
        AssertAck(await client.ReceiveJsonAsync(), 5);
        await client.SendTextAsync(Batch(linked, 1, 2.0, $"b-{linked.Public}", 5));
        AssertAck(await client.ReceiveJsonAsync(), 5);

        Assert.Equal([1.0, 2.0], (await host.DatapointsOfAsync(linked)).Select(d => d.Value));
    }

    [Theory]
    [MemberData(nameof(TestStores.All), MemberType = typeof(TestStores))]
    public async Task Send_ClientTimestamps_AreKept(TestStore store)
    {
        var host = await hosts.GetAsync(store);
        var linked = await host.CreateLinkedEventAsync();
        var id = linked.Public;
        await using var client = await WsClient.ConnectAsync(host, WsClient.Telemetry, await host.LoginAsync());
        var soon = DateTime.UtcNow.AddMinutes(2);
        var soonText = soon.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture);

        await client.SendTextAsync($$"""
            {"source":"ts-{{id}}","seq":1,"datapoints":[
              {"value":1,"event_public_id":"{{id}}","timestamp":"2026-01-02T03:04:05.123456Z"},
              {"value":2,"event_public_id":"{{id}}","timestamp":"2026-01-02T05:04:05+02:00"},
              {"value":3,"event_public_id":"{{id}}","timestamp":"2026-01-02T03:04:05"},
              {"value":4,"event_public_id":"{{id}}","timestamp":1767323045123},
              {"value":5,"event_public_id":"{{id}}","timestamp":"{{soonText}}"},
              {"value":6,"event_public_id":"{{id}}","timestamp":null}]}
            """);
        AssertAck(await client.ReceiveJsonAsync(), 1);

        var rows = await host.DatapointsOfAsync(linked);
        Assert.Equal(
            [
                new DateTime(2026, 1, 2, 3, 4, 5, DateTimeKind.Utc).AddTicks(1_234_560),
                new DateTime(2026, 1, 2, 3, 4, 5, DateTimeKind.Utc),
                new DateTime(2026, 1, 2, 3, 4, 5, DateTimeKind.Utc),
                new DateTime(2026, 1, 2, 3, 4, 5, 123, DateTimeKind.Utc),
                new DateTime(soon.Ticks - (soon.Ticks % 10), DateTimeKind.Utc),
            ],
            rows.Take(5).Select(r => DateTime.SpecifyKind(r.Timestamp, DateTimeKind.Utc)));
        Assert.True(rows[5].Timestamp > new DateTime(2026, 1, 2, 3, 4, 5, DateTimeKind.Utc));
    }

    [Theory]
    [MemberData(nameof(TestStores.All), MemberType = typeof(TestStores))]
    public async Task Send_FutureOrInvalidTimestamps_AreRefusedWithTheReason(TestStore store)
    {
        var host = await hosts.GetAsync(store);
        var linked = await host.CreateLinkedEventAsync();
        var id = linked.Public;
        await using var client = await WsClient.ConnectAsync(host, WsClient.Telemetry, await host.LoginAsync());
        var future = DateTime.UtcNow.AddMinutes(10).ToString("O", CultureInfo.InvariantCulture);
        var futureMillis = DateTimeOffset.UtcNow.AddHours(1).ToUnixTimeMilliseconds();

        await client.SendTextAsync($$"""
            {"source":"future-{{id}}","seq":1,"datapoints":[
              {"value":1,"event_public_id":"{{id}}"},
              {"value":2,"event_public_id":"{{id}}","timestamp":"{{future}}"},
              {"value":3,"event_public_id":"{{id}}","timestamp":"yesterday"},
              {"value":4,"event_public_id":"{{id}}","timestamp":{{futureMillis}}}]}
            """);
        AssertError(await client.ReceiveJsonAsync(), "Datapoints refused: timestamp more than 5 minutes in the future (items 1, 3); invalid timestamp (item 2)", seq: 1);
        AssertAck(await client.ReceiveJsonAsync(), 1);

        await client.SendTextAsync($$"""{"datapoints":[{"value":5,"event_public_id":"{{id}}","timestamp":"{{future}}"}]}""");
        AssertError(await client.ReceiveJsonAsync(), "Datapoints refused: timestamp more than 5 minutes in the future (item 0)");
        AssertError(await client.ReceiveJsonAsync(), "No valid datapoints in batch");

        Assert.Equal([1.0], (await host.DatapointsOfAsync(linked)).Select(d => d.Value));
    }
}
