using System.Net;
using WebMacs.AspNetCore.Tests.Datapoints;
using WebMacs.AspNetCore.Tests.Support;
using WebMacs.Domain;
using WebMacs.Testing.Hosting;
using static WebMacs.AspNetCore.Tests.Support.Http;
using static WebMacs.AspNetCore.Tests.WebSockets.TelemetryFrames;

namespace WebMacs.AspNetCore.Tests.Commands;

/// <summary>
/// Issue 5 item 6 over real sockets: values of output events reach the controller that announced the instance as
/// <c>command</c> frames; acks are accepted; nothing goes to other controllers, for inputs, or back to the reporter.
/// </summary>
public sealed class CommandDispatchTests(WebMacsHosts hosts) : IClassFixture<WebMacsHosts>
{
    private const string Create = "/api/v1/datapoints";

    [Theory]
    [MemberData(nameof(TestStores.All), MemberType = typeof(TestStores))]
    public async Task PostDatapoint_OutputChannelOfAnnouncedInstance_PushesCommand(TestStore store)
    {
        var host = await hosts.GetAsync(store);
        var valve = await host.CreateEventAsync();
        var instance = await host.CreateInstanceAsync(("valve_1", ChannelDirection.Output, valve));
        await using var controller = await host.ConnectControllerAsync("ctl-a", instance);

        await PostAsync(host, valve, 42.5);

        await controller.AssertCommandAsync(instance, "valve_1", valve, 42.5);
    }

    [Theory]
    [MemberData(nameof(TestStores.All), MemberType = typeof(TestStores))]
    public async Task PostBatch_BidirectionalChannel_PushesTheLastValue(TestStore store)
    {
        var host = await hosts.GetAsync(store);
        var setpoint = await host.CreateEventAsync();
        var instance = await host.CreateInstanceAsync(("setpoint", ChannelDirection.Bidirectional, setpoint));
        await using var controller = await host.ConnectControllerAsync("ctl-b", instance);
        using var client = await host.OperatorClientAsync();

        using var response = await client.PostRawJsonAsync(
            "/api/v1/datapoints/batch", $$"""{"datapoints":[{"value":1,"event_public_id":"{{setpoint.Public}}"},{"value":2,"event_public_id":"{{setpoint.Public}}"}]}""");
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);

        await controller.AssertCommandAsync(instance, "setpoint", setpoint, 2);
    }

    [Theory]
    [MemberData(nameof(TestStores.All), MemberType = typeof(TestStores))]
    public async Task PostDatapoint_InstanceNotAnnounced_SendsNothingToThatController(TestStore store)
    {
        var host = await hosts.GetAsync(store);
        var theirs = await host.CreateEventAsync();
        var ours = await host.CreateEventAsync();
        var theirInstance = await host.CreateInstanceAsync(("out", ChannelDirection.Output, theirs));
        var ourInstance = await host.CreateInstanceAsync(("out", ChannelDirection.Output, ours));
        await using var other = await host.ConnectControllerAsync("ctl-other", theirInstance);
        await using var controller = await host.ConnectControllerAsync("ctl-ours", ourInstance);

        await PostAsync(host, theirs, 1);
        await other.AssertCommandAsync(theirInstance, "out", theirs, 1);
        await PostAsync(host, ours, 2);

        // Commits are dispatched in order: had the first value reached this socket, it would come first.
        await controller.AssertCommandAsync(ourInstance, "out", ours, 2);
    }

    [Theory]
    [MemberData(nameof(TestStores.All), MemberType = typeof(TestStores))]
    public async Task PostDatapoint_InputChannel_PushesNoCommand(TestStore store)
    {
        var host = await hosts.GetAsync(store);
        var temperature = await host.CreateEventAsync();
        var heater = await host.CreateEventAsync();
        var instance = await host.CreateInstanceAsync(("temp", ChannelDirection.Input, temperature), ("heater", ChannelDirection.Output, heater));
        await using var controller = await host.ConnectControllerAsync("ctl-in", instance);

        await PostAsync(host, temperature, 21);
        await PostAsync(host, heater, 1);

        await controller.AssertCommandAsync(instance, "heater", heater, 1);
    }

    [Theory]
    [MemberData(nameof(TestStores.All), MemberType = typeof(TestStores))]
    public async Task Telemetry_OwnOutputValue_IsNotEchoedButRestValueIs(TestStore store)
    {
        var host = await hosts.GetAsync(store);
        var pump = await host.CreateEventAsync();
        var instance = await host.CreateInstanceAsync(("pump", ChannelDirection.Bidirectional, pump));
        await using var controller = await host.ConnectControllerAsync("ctl-echo", instance);

        await controller.SendTextAsync(Batch(pump, 1, value: 7, source: "ctl-echo", seq: 1));
        AssertAck(await controller.ReceiveJsonAsync(), 1);
        await PostAsync(host, pump, 8);

        await controller.AssertCommandAsync(instance, "pump", pump, 8);
    }

    [Theory]
    [MemberData(nameof(TestStores.All), MemberType = typeof(TestStores))]
    public async Task CommandAck_Failed_IsAcceptedAndTheSocketKeepsWorking(TestStore store)
    {
        var host = await hosts.GetAsync(store);
        var valve = await host.CreateEventAsync();
        var instance = await host.CreateInstanceAsync(("valve", ChannelDirection.Output, valve));
        await using var controller = await host.ConnectControllerAsync("ctl-ack", instance);

        await PostAsync(host, valve, 1);
        var id = await controller.AssertCommandAsync(instance, "valve", valve, 1);
        await controller.SendTextAsync($$"""{"type":"command_ack","command_id":"{{id}}","ok":false,"error":"Channel 'valve' is read-only"}""");
        await AssertNoReplyBeforeProbeAsync(controller);
        await PostAsync(host, valve, 0);
        id = await controller.AssertCommandAsync(instance, "valve", valve, 0);
        await controller.SendTextAsync($$"""{"type":"command_ack","command_id":"{{id}}","ok":true}""");
        await controller.SendTextAsync(Batch(valve, 1, source: "ctl-ack", seq: 1));

        AssertAck(await controller.ReceiveJsonAsync(), 1);
    }

    private static async Task PostAsync(WebMacsTestHost host, TestEvent linked, double value)
    {
        using var client = await host.OperatorClientAsync();
        using var response = await client.PostRawJsonAsync(Create, $$"""{"value": {{value.ToString(System.Globalization.CultureInfo.InvariantCulture)}}, "event_public_id": "{{linked.Public}}"}""");
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }
}
