using System.Diagnostics.Metrics;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using WebMacs.AspNetCore.Tests.Datapoints;
using WebMacs.AspNetCore.Tests.Support;
using WebMacs.AspNetCore.Tests.WebSockets;
using WebMacs.Testing.Postgres;
using static WebMacs.AspNetCore.Tests.Support.Http;

namespace WebMacs.AspNetCore.Tests.Ingestion;

/// <summary>The ingestion pipeline on both stores: pipelined in-order acks, cache invalidation by API changes, metrics.</summary>
public sealed class IngestionPipelineTests(PostgresServer postgres)
{
    // Caches stay trusted for an hour: only an invalidation can make a change visible within the test.
    private static readonly Dictionary<string, string?> LongCache = new() { ["WebMacs:Ingestion:CacheRefreshInterval"] = "01:00:00" };

    [Theory]
    [MemberData(nameof(TestStores.All), MemberType = typeof(TestStores))]
    public async Task Telemetry_FiftyBatchesBackToBack_AckedInSeqOrder(TestStore store)
    {
        await using var location = await StoreLocation.CreateAsync(postgres, store);
        await using var host = await location.StartHostAsync();
        var linked = await host.CreateLinkedEventAsync();
        var source = $"pipelined-{Guid.NewGuid():N}";
        await using var client = await WsClient.ConnectAsync(host, WsClient.Telemetry, await host.LoginAsync());

        for (var seq = 1; seq <= 50; seq++)
        {
            await client.SendTextAsync(TelemetryFrames.Batch(linked, 10, seq, source, seq));
        }

        var acks = new List<long>();
        for (var i = 0; i < 50; i++)
        {
            var frame = await client.ReceiveJsonAsync();
            Assert.Equal("ack", frame.GetProperty("type").GetString());
            acks.Add(frame.GetProperty("seq").GetInt64());
        }

        Assert.Equal(Enumerable.Range(1, 50).Select(s => (long)s), acks);
        var values = (await host.DatapointsOfAsync(linked)).Select(d => d.Value).ToList();
        Assert.Equal(500, values.Count);
        Assert.Equal(Enumerable.Range(1, 50).Select(s => (double)s), values.Distinct().Order());
    }

    [Theory]
    [MemberData(nameof(TestStores.All), MemberType = typeof(TestStores))]
    public async Task EventCreatedAndLinkedThroughTheApi_IsAcceptedAtOnceAndRefusedAtOnceAfterDeletion(TestStore store)
    {
        await using var location = await StoreLocation.CreateAsync(postgres, store);
        await using var host = await location.StartHostAsync(settings: LongCache);
        using var admin = host.CreateClient(await host.LoginAsync());
        var primed = await host.CreateEventAsync();
        var instanceId = await host.LinkAsync(primed);
        var instance = await host.WithDbAsync(db => db.PluginInstances.AsNoTracking().SingleAsync(p => p.Id == instanceId, Ct));
        var source = $"catalog-{Guid.NewGuid():N}";
        await using var client = await WsClient.ConnectAsync(host, WsClient.Telemetry, await host.LoginAsync());
        await client.SendTextAsync(TelemetryFrames.Batch(primed, 1, 1, source, 1));
        TelemetryFrames.AssertAck(await client.ReceiveJsonAsync(), 1);
        Assert.Single(await host.DatapointsOfAsync(primed));

        var name = $"api-event-{Guid.NewGuid():N}";
        using (var created = await admin.PostRawJsonAsync("/api/v1/events", JsonSerializer.Serialize(new { name, min_value = 0, max_value = 100, unit = "V", type = "sensor" })))
        {
            Assert.True(created.IsSuccessStatusCode, $"POST /events answered {(int)created.StatusCode}");
        }

        var fresh = await host.WithDbAsync(db => db.Events.AsNoTracking().Where(e => e.Name == name).Select(e => new TestEvent(e.Id, e.PublicId)).SingleAsync(Ct));
        var channel = JsonSerializer.Serialize(new { channel_id = "volts", channel_name = "Volts", direction = "input", unit = "V", event_public_id = fresh.Public });
        using (var mapped = await admin.PostRawJsonAsync($"/api/v1/plugins/{instance.PublicId}/channels", channel))
        {
            Assert.True(mapped.IsSuccessStatusCode, $"POST channels answered {(int)mapped.StatusCode}: {await mapped.Content.ReadAsStringAsync(Ct)}");
        }

        await client.SendTextAsync(TelemetryFrames.Batch(fresh, 2, 7, source, 2));
        TelemetryFrames.AssertAck(await client.ReceiveJsonAsync(), 2);
        Assert.Equal([7.0, 7.0], (await host.DatapointsOfAsync(fresh)).Select(d => d.Value));

        using (var deleted = await admin.DeleteAsync($"/api/v1/events/{fresh.Public}", Ct))
        {
            Assert.True(deleted.IsSuccessStatusCode, $"DELETE /events answered {(int)deleted.StatusCode}");
        }

        await client.SendTextAsync(TelemetryFrames.Batch(fresh, 2, 8, source, 3));
        TelemetryFrames.AssertAck(await client.ReceiveJsonAsync(), 3);
        await client.SendTextAsync(TelemetryFrames.Batch(primed, 1, 2, source, 4));
        TelemetryFrames.AssertAck(await client.ReceiveJsonAsync(), 4);
        Assert.Empty(await host.DatapointsOfAsync(fresh));
        Assert.Equal([1.0, 2.0], (await host.DatapointsOfAsync(primed)).Select(d => d.Value));
    }

    [Theory]
    [MemberData(nameof(TestStores.All), MemberType = typeof(TestStores))]
    public async Task Metrics_AcceptedAndRejectedCountersFollowWhatWasStored(TestStore store)
    {
        await using var location = await StoreLocation.CreateAsync(postgres, store);
        await using var host = await location.StartHostAsync();
        var linked = await host.CreateLinkedEventAsync();
        var unlinked = await host.CreateEventAsync();
        using var client = await host.OperatorClientAsync();
        var factory = host.Services.GetRequiredService<IMeterFactory>();
        long accepted = 0, rejected = 0;
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == "WebMacs.Ingestion" && ReferenceEquals(instrument.Meter.Scope, factory))
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((instrument, value, _, _) =>
        {
            if (instrument.Name == "webmacs.ingestion.datapoints.accepted")
            {
                Interlocked.Add(ref accepted, value);
            }
            else if (instrument.Name == "webmacs.ingestion.datapoints.rejected")
            {
                Interlocked.Add(ref rejected, value);
            }
        });
        listener.Start();

        for (var i = 0; i < 3; i++)
        {
            await client.PostBatchAsync((1, linked), (2, linked), (3, unlinked), (4, linked));
        }

        var stored = (await host.DatapointsOfAsync(linked)).Count;
        Assert.Equal(9, stored);
        Assert.Equal(stored, Interlocked.Read(ref accepted));
        Assert.Equal(3, Interlocked.Read(ref rejected));
    }
}
