using System.Net.WebSockets;
using System.Text;
using WebMacs.AspNetCore.Tests.Datapoints;
using WebMacs.AspNetCore.Tests.Support;
using static WebMacs.AspNetCore.Tests.WebSockets.TelemetryFrames;

namespace WebMacs.AspNetCore.Tests.WebSockets;

/// <summary>§5.2 <c>/ws/controller/telemetry</c> with the compat decisions: replies, limits, refused frames and close codes.</summary>
public sealed class TelemetrySocketTests(WebMacsHosts hosts) : IClassFixture<WebMacsHosts>
{
    [Theory]
    [MemberData(nameof(TestStores.All), MemberType = typeof(TestStores))]
    public async Task Send_ValidBatchWithoutSeq_StoresItAndSendsNoReply(TestStore store)
    {
        var host = await hosts.GetAsync(store);
        var linked = await host.CreateLinkedEventAsync();
        await using var client = await WsClient.ConnectAsync(host, WsClient.Telemetry, await host.LoginAsync());

        await client.SendTextAsync($$"""{"type":"telemetry","datapoints":[{"value":23.5,"event_public_id":"{{linked.Public}}"},{"value":"1e-05","event_public_id":"{{linked.Public}}"},{"value":true,"event_public_id":"{{linked.Public}}"}]}""");
        await AssertNoReplyBeforeProbeAsync(client);

        Assert.Equal([23.5, 1e-05, 1.0], (await host.DatapointsOfAsync(linked)).Select(d => d.Value));
    }

    [Theory]
    [MemberData(nameof(TestStores.All), MemberType = typeof(TestStores))]
    public async Task Send_EmptyOrMissingDatapoints_IsIgnoredSilently(TestStore store)
    {
        var host = await hosts.GetAsync(store);
        await using var client = await WsClient.ConnectAsync(host, WsClient.Telemetry, await host.LoginAsync());

        await client.SendTextAsync("""{"datapoints":[]}""");
        await client.SendTextAsync("""{"type":"hello"}""");
        await AssertNoReplyBeforeProbeAsync(client);
    }

    [Theory]
    [MemberData(nameof(TestStores.All), MemberType = typeof(TestStores))]
    public async Task Send_501Items_RepliesBatchTooLargeAndStoresNothing(TestStore store)
    {
        var host = await hosts.GetAsync(store);
        var linked = await host.CreateLinkedEventAsync();
        await using var client = await WsClient.ConnectAsync(host, WsClient.Telemetry, await host.LoginAsync());

        await client.SendTextAsync(Batch(linked, 501));
        AssertError(await client.ReceiveJsonAsync(), "Batch too large (501), max 500");
        await client.SendTextAsync(Batch(linked, 501, source: "big", seq: 7));
        AssertError(await client.ReceiveJsonAsync(), "Batch too large (501), max 500", seq: 7);
        await client.SendTextAsync(Batch(linked, 500, source: "big", seq: 8));
        AssertAck(await client.ReceiveJsonAsync(), 8);

        Assert.Equal(500, (await host.DatapointsOfAsync(linked)).Count);
    }

    [Theory]
    [MemberData(nameof(TestStores.All), MemberType = typeof(TestStores))]
    public async Task Send_NoValidItem_RepliesNoValidDatapoints(TestStore store)
    {
        var host = await hosts.GetAsync(store);
        var linked = await host.CreateLinkedEventAsync();
        await using var client = await WsClient.ConnectAsync(host, WsClient.Telemetry, await host.LoginAsync());
        var id = linked.Public;
        string[] invalid =
        [
            """{"datapoints":[{"foo":1}]}""",
            """{"datapoints":[1, "x", null, []]}""",
            $$"""{"datapoints":[{"value":null,"event_public_id":"{{id}}"},{"value":1}]}""",
            $$"""{"datapoints":[{"value":"NaN","event_public_id":"{{id}}"},{"value":"Infinity","event_public_id":"{{id}}"}]}""",
            $$"""{"datapoints":[{"value":1e999,"event_public_id":"{{id}}"},{"value":"abc","event_public_id":"{{id}}"}]}""",
            $$"""{"datapoints":[{"value":{"a":1},"event_public_id":"{{id}}"},{"value":"\u0000","event_public_id":"{{id}}"}]}""",
            """{"datapoints":"not a list"}""",
        ];

        foreach (var message in invalid)
        {
            await client.SendTextAsync(message);
            AssertError(await client.ReceiveJsonAsync(), "No valid datapoints in batch");
        }

        await client.SendTextAsync("""{"source":"s","seq":3,"datapoints":[{"foo":1}]}""");
        AssertError(await client.ReceiveJsonAsync(), "No valid datapoints in batch", seq: 3);
        Assert.Empty(await host.DatapointsOfAsync(linked));
    }

    [Theory]
    [MemberData(nameof(TestStores.All), MemberType = typeof(TestStores))]
    public async Task Send_UnknownOrUnlinkedEvents_AreDroppedSilently(TestStore store)
    {
        var host = await hosts.GetAsync(store);
        var unlinked = await host.CreateEventAsync();
        await using var client = await WsClient.ConnectAsync(host, WsClient.Telemetry, await host.LoginAsync());

        await client.SendTextAsync($$"""{"datapoints":[{"value":1,"event_public_id":"{{unlinked.Public}}"},{"value":2,"event_public_id":"not-a-uuid"},{"value":3,"event_public_id":42}]}""");
        await AssertNoReplyBeforeProbeAsync(client);

        Assert.Empty(await host.DatapointsOfAsync(unlinked));
    }

    [Theory]
    [MemberData(nameof(TestStores.All), MemberType = typeof(TestStores))]
    public async Task Send_MalformedJsonOrNonObject_RepliesErrorAndStaysUsable(TestStore store)
    {
        var host = await hosts.GetAsync(store);
        var linked = await host.CreateLinkedEventAsync();
        await using var client = await WsClient.ConnectAsync(host, WsClient.Telemetry, await host.LoginAsync());

        await client.SendTextAsync("{not json");
        AssertError(await client.ReceiveJsonAsync(), "Invalid JSON");
        foreach (var value in new[] { "[1,2]", "42", "\"text\"", "null" })
        {
            await client.SendTextAsync(value);
            AssertError(await client.ReceiveJsonAsync(), "Message must be a JSON object");
        }

        await client.SendTextAsync(new string('[', 200) + new string(']', 200));
        AssertError(await client.ReceiveJsonAsync(), "Invalid JSON");
        await client.SendTextAsync(Batch(linked, 1, source: "after-errors", seq: 0));
        AssertAck(await client.ReceiveJsonAsync(), 0);
    }

    [Theory]
    [MemberData(nameof(TestStores.All), MemberType = typeof(TestStores))]
    public async Task Send_InvalidSourceOrSeq_RepliesErrorWithTheSeq(TestStore store)
    {
        var host = await hosts.GetAsync(store);
        var linked = await host.CreateLinkedEventAsync();
        await using var client = await WsClient.ConnectAsync(host, WsClient.Telemetry, await host.LoginAsync());
        var points = $$"""[{"value":1,"event_public_id":"{{linked.Public}}"}]""";
        const string BadSeq = "\"seq\" must be an integer >= 0 and comes with \"source\"";
        const string BadSource = "\"source\" must be a non-empty string of at most 200 characters and comes with \"seq\"";

        await client.SendTextAsync($$"""{"source":"s","seq":-1,"datapoints":{{points}}}""");
        AssertError(await client.ReceiveJsonAsync(), BadSeq);
        await client.SendTextAsync($$"""{"source":"s","seq":1.5,"datapoints":{{points}}}""");
        AssertError(await client.ReceiveJsonAsync(), BadSeq);
        await client.SendTextAsync($$"""{"source":"s","datapoints":{{points}}}""");
        AssertError(await client.ReceiveJsonAsync(), BadSeq);
        await client.SendTextAsync($$"""{"seq":4,"datapoints":{{points}}}""");
        AssertError(await client.ReceiveJsonAsync(), BadSource, seq: 4);
        await client.SendTextAsync($$"""{"source":"{{new string('x', 201)}}","seq":5,"datapoints":{{points}}}""");
        AssertError(await client.ReceiveJsonAsync(), BadSource, seq: 5);
        await client.SendTextAsync($$"""{"source":7,"seq":6,"datapoints":{{points}}}""");
        AssertError(await client.ReceiveJsonAsync(), BadSource, seq: 6);

        Assert.Empty(await host.DatapointsOfAsync(linked));
    }

    [Fact]
    public async Task Send_BinaryFrame_Closes1003()
    {
        var host = await hosts.GetAsync(TestStore.Sqlite);
        await using var client = await WsClient.ConnectAsync(host, WsClient.Telemetry, await host.LoginAsync());

        await client.SendAsync("{}"u8.ToArray(), WebSocketMessageType.Binary);

        Assert.Equal(WebSocketCloseStatus.InvalidMessageType, (await client.ReceiveCloseAsync()).Status);
    }

    [Fact]
    public async Task Send_InvalidUtf8_Closes1007()
    {
        var host = await hosts.GetAsync(TestStore.Sqlite);
        await using var client = await WsClient.ConnectAsync(host, WsClient.Telemetry, await host.LoginAsync());

        await client.SendAsync([(byte)'{', 0xC3, 0x28, (byte)'}'], WebSocketMessageType.Text);

        Assert.Equal(WebSocketCloseStatus.InvalidPayloadData, (await client.ReceiveCloseAsync()).Status);
    }

    [Fact]
    public async Task Send_MessageOverTheDefaultLimit_Closes1009()
    {
        var host = await hosts.GetAsync(TestStore.Sqlite);
        await using var client = await WsClient.ConnectAsync(host, WsClient.Telemetry, await host.LoginAsync());

        await client.SendAsync(Encoding.UTF8.GetBytes("{\"pad\":\"" + new string('x', 1024 * 1024) + "\"}"), WebSocketMessageType.Text);

        Assert.Equal(WebSocketCloseStatus.MessageTooBig, (await client.ReceiveCloseAsync()).Status);
    }

    [Fact]
    public async Task Send_MessageOverAConfiguredLimit_Closes1009()
    {
        await using var host = await hosts.StartAsync(TestStore.Sqlite, new Dictionary<string, string?> { ["WebMacs:WebSockets:MaxMessageBytes"] = "2048" });
        await using var client = await WsClient.ConnectAsync(host, WsClient.Telemetry, await host.LoginAsync());

        await client.SendTextAsync("{\"pad\":\"" + new string('x', 1500) + "\"}");
        await AssertNoReplyBeforeProbeAsync(client);
        await client.SendTextAsync("{\"pad\":\"" + new string('x', 2048) + "\"}");

        Assert.Equal(WebSocketCloseStatus.MessageTooBig, (await client.ReceiveCloseAsync()).Status);
    }
}
