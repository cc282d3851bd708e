using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using WebMacs.AspNetCore.Tests.Datapoints;
using WebMacs.AspNetCore.Tests.Support;
using WebMacs.AspNetCore.Tests.WebSockets;
using WebMacs.Testing.Hosting;
using WebMacs.Testing.Postgres;
using static WebMacs.AspNetCore.Tests.Support.Http;

namespace WebMacs.AspNetCore.Tests.Ingestion;

/// <summary>
/// The durability promise of the ack extension: a host stopped mid-stream, with acknowledged and unacknowledged batches
/// on one telemetry connection, loses no acknowledged datapoint, and a client that resends everything it has not seen
/// acknowledged ends with every datapoint stored exactly once.
/// </summary>
public sealed class IngestionRestartTests(PostgresServer postgres)
{
    private const int Batches = 40;
    private const int Items = 200;

    [Theory]
    [MemberData(nameof(TestStores.All), MemberType = typeof(TestStores))]
    public async Task StopMidStream_ResendUnacked_EveryDatapointStoredExactlyOnce(TestStore store)
    {
        await using var location = await StoreLocation.CreateAsync(postgres, store);
        var source = $"restart-{Guid.NewGuid():N}";
        var acked = new HashSet<long>();
        TestEvent linked;
        string token;
        var first = await location.StartHostAsync();
        Task? stopping = null;
        try
        {
            linked = await first.CreateLinkedEventAsync();
            token = await first.LoginAsync();
            await using var client = await WsClient.ConnectAsync(first, WsClient.Telemetry, token);
            var receiving = Task.Run(async () =>
            {
                try
                {
                    while (true)
                    {
                        var frame = await client.ReceiveJsonAsync();
                        if (frame.GetProperty("type").GetString() == "ack")
                        {
                            lock (acked)
                            {
                                acked.Add(frame.GetProperty("seq").GetInt64());
                            }
                        }
                    }
                }
                catch (Exception ex) when (ex is not OutOfMemoryException)
                {
                    // The host went away: the connection ends.
                }
            }, Ct);

            var sent = 0;
            for (var seq = 1; seq <= Batches / 4; seq++, sent++)
            {
                await client.SendTextAsync(Frame(source, seq, linked));
            }

            await Eventually.UntilAsync(() => { lock (acked) { return acked.Count >= 3; } }, "the first acks");
            stopping = first.DisposeAsync().AsTask();
            for (var seq = sent + 1; seq <= Batches; seq++)
            {
                try
                {
                    await client.SendTextAsync(Frame(source, seq, linked));
                }
                catch (Exception ex) when (ex is System.Net.WebSockets.WebSocketException or OperationCanceledException or ObjectDisposedException)
                {
                    break;
                }
            }

            await stopping;
            await receiving;
        }
        catch when (stopping is null)
        {
            await first.DisposeAsync();
            throw;
        }

        long[] ackedBeforeStop;
        lock (acked)
        {
            ackedBeforeStop = [.. acked.Order()];
        }

        TestContext.Current.TestOutputHelper?.WriteLine($"{store}: {ackedBeforeStop.Length} of {Batches} batches acknowledged before the stop.");
        await using var second = await location.StartHostAsync();
        var stored = (await second.WithDbAsync(db => db.Datapoints.AsNoTracking().Where(d => d.EventId == linked.Id).Select(d => d.Value).ToListAsync(Ct))).ToHashSet();
        foreach (var seq in ackedBeforeStop)
        {
            Assert.All(Enumerable.Range(0, Items), i => Assert.Contains(Value(seq, i), stored));
        }

        await using (var again = await WsClient.ConnectAsync(second, WsClient.Telemetry, token))
        {
            var resend = Enumerable.Range(1, Batches).Select(s => (long)s).Except(ackedBeforeStop).ToArray();
            foreach (var seq in resend)
            {
                await again.SendTextAsync(Frame(source, seq, linked));
            }

            foreach (var seq in resend)
            {
                TelemetryFrames.AssertAck(await again.ReceiveJsonAsync(), seq);
            }
        }

        var values = await second.WithDbAsync(db => db.Datapoints.AsNoTracking().Where(d => d.EventId == linked.Id).Select(d => d.Value).ToListAsync(Ct));
        Assert.Equal(Batches * Items, values.Count);
        Assert.Equal(values.Count, values.Distinct().Count());
    }

    private static double Value(long seq, int index) => (seq * 1000) + index;

    private static string Frame(string source, long seq, TestEvent linked)
    {
        var text = new StringBuilder(Items * 80);
        text.Append(CultureInfo.InvariantCulture, $"{{\"source\":\"{source}\",\"seq\":{seq},\"datapoints\":[");
        for (var i = 0; i < Items; i++)
        {
            text.Append(i == 0 ? "" : ",").Append(CultureInfo.InvariantCulture, $"{{\"value\":{Value(seq, i)},\"event_public_id\":\"{linked.Public}\"}}");
        }

        return text.Append("]}").ToString();
    }
}
