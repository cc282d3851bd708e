using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using WebMacs.AspNetCore.Tests.Datapoints;
using WebMacs.AspNetCore.Tests.Support;
using static WebMacs.AspNetCore.Tests.Support.Http;
using static WebMacs.AspNetCore.Tests.WebSockets.TelemetryFrames;

namespace WebMacs.AspNetCore.Tests.WebSockets;

/// <summary>§5.3 <c>/ws/datapoints/stream</c>: connected/ping/pong, pushes after REST and WS ingestion, the subscribe filter.</summary>
public sealed class StreamSocketTests(WebMacsHosts hosts) : IClassFixture<WebMacsHosts>
{
    [Fact]
    public async Task Connect_ValidToken_SendsConnectedThenAnswersPing()
    {
        var host = await hosts.GetAsync(TestStore.Sqlite);
        await using var client = await WsClient.ConnectAsync(host, WsClient.Stream, await host.LoginAsync());

        Assert.Equal("""{"type":"connected","message":"Subscribed to live datapoint stream."}""", await client.ReceiveTextAsync());
        await client.SendTextAsync("""{"type":"something-else"}""");
        await client.SendTextAsync("""{"type":"ping"}""");
        Assert.Equal("""{"type":"pong"}""", await client.ReceiveTextAsync());
    }

    [Fact]
    public async Task Send_MalformedJsonOrNonObject_RepliesErrorAndStaysUsable()
    {
        var host = await hosts.GetAsync(TestStore.Sqlite);
        await using var client = await WsClient.ConnectStreamAsync(host, await host.LoginAsync());

        await client.SendTextAsync("{\"type\":");
        AssertError(await client.ReceiveJsonAsync(), "Invalid JSON");
        await client.SendTextAsync("[\"ping\"]");
        AssertError(await client.ReceiveJsonAsync(), "Message must be a JSON object");
        await client.SendTextAsync("""{"type":"subscribe","event_public_ids":"all"}""");
        AssertError(await client.ReceiveJsonAsync(), "\"event_public_ids\" must be a list of event ids or null");
        await client.SendTextAsync("""{"type":"ping"}""");
        Assert.Equal("pong", (await client.ReceiveJsonAsync()).GetProperty("type").GetString());
    }

    public static TheoryData<string> RefusedFrames => new() { "binary", "utf8", "big" };

    [Theory]
    [MemberData(nameof(RefusedFrames))]
    public async Task Send_RefusedFrame_ClosesWithItsCode(string kind)
    {
        var host = await hosts.GetAsync(TestStore.Sqlite);
        await using var client = await WsClient.ConnectStreamAsync(host, await host.LoginAsync());

        var expected = kind switch
        {
            "binary" => WebSocketCloseStatus.InvalidMessageType,
            "utf8" => WebSocketCloseStatus.InvalidPayloadData,
            _ => WebSocketCloseStatus.MessageTooBig,
        };
        await (kind switch
        {
            "binary" => client.SendAsync("""{"type":"ping"}"""u8.ToArray(), WebSocketMessageType.Binary),
            "utf8" => client.SendAsync([(byte)'"', 0xFF, (byte)'"'], WebSocketMessageType.Text),
            _ => client.SendAsync(Encoding.UTF8.GetBytes("\"" + new string('x', (1024 * 1024) + 1) + "\""), WebSocketMessageType.Text),
        });

        Assert.Equal(expected, (await client.ReceiveCloseAsync()).Status);
    }

    [Theory]
    [MemberData(nameof(TestStores.All), MemberType = typeof(TestStores))]
    public async Task Stream_RestIngestion_PushesDatapointsBatch(TestStore store)
    {
        var host = await hosts.GetAsync(store);
        var token = await host.LoginAsync();
        var linked = await host.CreateLinkedEventAsync();
        await using var stream = await WsClient.ConnectStreamAsync(host, token);
        using var api = host.CreateClient(token);

        using (var response = await api.PostRawJsonAsync("/api/v1/datapoints", $$"""{"value": 2, "event_public_id": "{{linked.Public}}"}"""))
        {
            response.EnsureSuccessStatusCode();
        }

        var text = await stream.ReceiveTextAsync();
        Assert.Contains("\"value\":2.0,", text, StringComparison.Ordinal);
        Assert.Contains("+00:00\",", text, StringComparison.Ordinal);
        var item = Assert.Single(AssertBatch(text).EnumerateArray());
        Assert.Equal(linked.Public, item.GetProperty("event_public_id").GetString());
        var stored = Assert.Single(await host.DatapointsOfAsync(linked));
        Assert.Equal(WebMacs.Common.PythonTime.Format(DateTime.SpecifyKind(stored.Timestamp, DateTimeKind.Utc)), item.GetProperty("timestamp").GetString());
        Assert.EndsWith("+00:00", item.GetProperty("timestamp").GetString(), StringComparison.Ordinal);
        Assert.Equal(JsonValueKind.Null, item.GetProperty("experiment_public_id").ValueKind);
        Assert.Equal(["value", "event_public_id", "timestamp", "experiment_public_id"], item.EnumerateObject().Select(p => p.Name));
    }

    [Theory]
    [MemberData(nameof(TestStores.All), MemberType = typeof(TestStores))]
    public async Task Stream_TelemetryIngestion_PushesDatapointsBatchWithTheExperiment(TestStore store)
    {
        var host = await hosts.GetAsync(store);
        var token = await host.LoginAsync();
        var linked = await host.CreateLinkedEventAsync();
        var experiment = await host.StartExperimentAsync(DateTime.UtcNow);
        try
        {
            await using var stream = await WsClient.ConnectStreamAsync(host, token);
            await using var telemetry = await WsClient.ConnectAsync(host, WsClient.Telemetry, token);

            await telemetry.SendTextAsync($$"""{"datapoints":[{"value":23.5,"event_public_id":"{{linked.Public}}"},{"value":"1e-05","event_public_id":"{{linked.Public}}"}]}""");

            var items = AssertBatch(await stream.ReceiveTextAsync()).EnumerateArray().ToList();
            Assert.Equal([23.5, 1e-05], items.Select(i => i.GetProperty("value").GetDouble()));
            Assert.All(items, i => Assert.Equal(experiment.PublicId.ToString(), i.GetProperty("experiment_public_id").GetString()));
            Assert.Single(items.Select(i => i.GetProperty("timestamp").GetString()).Distinct());
        }
        finally
        {
            await host.StopExperimentAsync(experiment);
        }
    }

    [Theory]
    [MemberData(nameof(TestStores.All), MemberType = typeof(TestStores))]
    public async Task Subscribe_EventIds_LimitsThePushesToThoseEvents(TestStore store)
    {
        var host = await hosts.GetAsync(store);
        var token = await host.LoginAsync();
        var wanted = await host.CreateLinkedEventAsync();
        var other = await host.CreateLinkedEventAsync();
        var later = await host.CreateLinkedEventAsync();
        await using var stream = await WsClient.ConnectStreamAsync(host, token);
        await using var telemetry = await WsClient.ConnectAsync(host, WsClient.Telemetry, token);

        await stream.SendTextAsync($$"""{"type":"subscribe","event_public_ids":["{{wanted.Public}}"]}""");
        await stream.SendTextAsync("""{"type":"ping"}""");
        Assert.Equal("pong", (await stream.ReceiveJsonAsync()).GetProperty("type").GetString());
        await telemetry.SendTextAsync(Batch(other, 1, 1.0, $"sub-{wanted.Public}", 1));
        AssertAck(await telemetry.ReceiveJsonAsync(), 1);
        await telemetry.SendTextAsync($$"""{"source":"sub-{{wanted.Public}}","seq":2,"datapoints":[{"value":2,"event_public_id":"{{other.Public}}"},{"value":3,"event_public_id":"{{wanted.Public}}"}]}""");
        AssertAck(await telemetry.ReceiveJsonAsync(), 2);

        var only = Assert.Single(AssertBatch(await stream.ReceiveTextAsync()).EnumerateArray());
        Assert.Equal(wanted.Public, only.GetProperty("event_public_id").GetString());
        Assert.Equal(3.0, only.GetProperty("value").GetDouble());

        await stream.SendTextAsync("""{"type":"subscribe","event_public_ids":null}""");
        await stream.SendTextAsync("""{"type":"ping"}""");
        Assert.Equal("pong", (await stream.ReceiveJsonAsync()).GetProperty("type").GetString());
        await telemetry.SendTextAsync(Batch(later, 1, 4.0, $"sub-{wanted.Public}", 3));
        AssertAck(await telemetry.ReceiveJsonAsync(), 3);

        Assert.Equal(later.Public, Assert.Single(AssertBatch(await stream.ReceiveTextAsync()).EnumerateArray()).GetProperty("event_public_id").GetString());
    }

    private static JsonElement AssertBatch(string text)
    {
        using var document = JsonDocument.Parse(text);
        var root = document.RootElement.Clone();
        Assert.Equal("datapoints_batch", root.GetProperty("type").GetString());
        return root.GetProperty("datapoints");
    }
}
