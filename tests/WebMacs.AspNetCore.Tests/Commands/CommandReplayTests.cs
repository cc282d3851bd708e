using System.Globalization;
using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using WebMacs.AspNetCore.Tests.Acquisition;
using WebMacs.AspNetCore.Tests.Dashboards;
using WebMacs.AspNetCore.Tests.Datapoints;
using WebMacs.AspNetCore.Tests.Plugins;
using WebMacs.AspNetCore.Tests.Support;
using WebMacs.AspNetCore.Tests.WebSockets;
using WebMacs.Commands;
using WebMacs.Domain;
using WebMacs.Testing.Hosting;
using WebMacs.Uplink;
using static WebMacs.AspNetCore.Tests.Support.Http;
using static WebMacs.AspNetCore.Tests.WebSockets.TelemetryFrames;

namespace WebMacs.AspNetCore.Tests.Commands;

/// <summary>
/// Issue 5 item 6 under faults: a value committed for an output while its controller was away reaches the controller
/// when it says <c>hello</c> again — only the latest value per channel, nothing for channels without data, inputs, or
/// values the controller reported itself.
/// </summary>
public sealed class CommandReplayTests(WebMacsHosts hosts) : IClassFixture<WebMacsHosts>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [MemberData(nameof(TestStores.All), MemberType = typeof(TestStores))]
    public async Task Hello_ValuesPostedWhileDisconnected_SendsOnlyTheLatestAsCommand(TestStore store)
    {
        var host = await hosts.GetAsync(store);
        var valve = await host.CreateEventAsync();
        var instance = await host.CreateInstanceAsync(("valve", ChannelDirection.Output, valve));
        await PostAsync(host, valve, 1);
        await PostAsync(host, valve, 2);

        await using var controller = await WsClient.ConnectAsync(host, WsClient.Telemetry, await host.LoginAsync());
        await controller.SendTextAsync(JsonSerializer.Serialize(new { type = "hello", source = "ctl-replay", instances = new[] { instance } }));
        await controller.AssertCommandAsync(instance, "valve", valve, 2);
        await PostAsync(host, valve, 3);

        // Had the older value been replayed too, it would come before this live push.
        await controller.AssertCommandAsync(instance, "valve", valve, 3);
    }

    [Theory]
    [MemberData(nameof(TestStores.All), MemberType = typeof(TestStores))]
    public async Task Hello_NothingPending_SendsNoCommand(TestStore store)
    {
        var host = await hosts.GetAsync(store);
        var heater = await host.CreateEventAsync();
        var temperature = await host.CreateEventAsync();
        var setpoint = await host.CreateEventAsync();
        var instance = await host.CreateInstanceAsync(
            ("heater", ChannelDirection.Output, heater), ("temp", ChannelDirection.Input, temperature), ("setpoint", ChannelDirection.Bidirectional, setpoint));
        await using var watcher = await host.ConnectControllerAsync("ctl-watch", instance);
        await PostAsync(host, temperature, 21);
        await using (var own = await host.ConnectControllerAsync("ctl-own", instance))
        {
            await own.SendTextAsync(Batch(setpoint, 1, value: 7, source: "ctl-own", seq: 1));
            AssertAck(await own.ReceiveJsonAsync(), 1);

            // The other controller's command proves the commit was dispatched (and the reporter noted) before reconnecting.
            await watcher.AssertCommandAsync(instance, "setpoint", setpoint, 7);
        }

        var registry = host.Services.GetRequiredService<ControllerRegistry>();
        await Eventually.UntilAsync(() => registry.For(instance).Count == 1, "the first connection is gone");

        await using var controller = await host.ConnectControllerAsync("ctl-own", instance);
        await PostAsync(host, heater, 1);

        // Commands of one connection go out in order: a replayed one would come before this live push.
        await controller.AssertCommandAsync(instance, "heater", heater, 1);
    }

    [Theory]
    [MemberData(nameof(TestStores.All), MemberType = typeof(TestStores))]
    public async Task Hello_BidirectionalValuePostedWhileDisconnected_IsNotReplayed(TestStore store)
    {
        var host = await hosts.GetAsync(store);
        var heater = await host.CreateEventAsync();
        var setpoint = await host.CreateEventAsync();
        var instance = await host.CreateInstanceAsync(("heater", ChannelDirection.Output, heater), ("setpoint", ChannelDirection.Bidirectional, setpoint));
        await PostAsync(host, setpoint, 5);

        // The device may have changed a bidirectional channel while offline: the older stored value is not pushed back.
        await using var controller = await host.ConnectControllerAsync("ctl-bidi", instance);
        await PostAsync(host, heater, 1);

        await controller.AssertCommandAsync(instance, "heater", heater, 1);
    }

    [Theory]
    [MemberData(nameof(TestStores.All), MemberType = typeof(TestStores))]
    public async Task Reconnect_ValuePostedWhileControllerWasAway_IsWrittenThroughThePlugin(TestStore store)
    {
        await using var host = await hosts.StartAsync(
            store,
            new Dictionary<string, string?>(),
            b => b.Services.AddWebMacs(b.Configuration).AddDevicePlugin<CountingPlugin>().AddAcquisition(o => o.SyncInterval = TimeSpan.FromMilliseconds(100)));
        var (instance, name) = await CreateCountingInstanceAsync(host);
        var output = await host.WithDbAsync(db => db.ChannelMappings.AsNoTracking()
            .Where(m => m.PluginInstance!.PublicId == instance && m.ChannelId == "out")
            .Select(m => new TestEvent(m.Event!.Id, m.Event.PublicId))
            .SingleAsync(Ct));
        var registry = host.Services.GetRequiredService<ControllerRegistry>();
        var directory = Directory.CreateTempSubdirectory("webmacs-replay-").FullName;
        try
        {
            var options = Options.Create(new UplinkOptions
            {
                BackendUrl = host.BaseAddress,
                ApiToken = await host.CreateApiTokenAsync(WebMacsTestHost.AdminEmail),
                Source = "ctl-replay-e2e",
                MinReconnectDelay = TimeSpan.FromMilliseconds(100),
                MaxReconnectDelay = TimeSpan.FromSeconds(1),
            });
            var engine = host.Services.GetRequiredService<WebMacs.Acquisition.AcquisitionEngine>();
            await Eventually.UntilAsync(() => engine.Instances.Contains(instance), "the instance runs");
            await RunUplinkAsync(options, directory, engine, () => Eventually.UntilAsync(() => registry.For(instance).Count > 0, "the uplink announced the instance"));
            await Eventually.UntilAsync(() => registry.For(instance).Count == 0, "the controller is disconnected");

            await PostAsync(host, output, 55);

            var plugin = AcquisitionHost.PluginOf(name);
            await RunUplinkAsync(options, directory, engine, () => Eventually.UntilAsync(() => plugin.Writes.Contains(("out", 55.0)), "the value is written after reconnecting"));
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    /// <summary>Runs a real uplink (the controller side) until <paramref name="until"/> completes, then stops it.</summary>
    private static async Task RunUplinkAsync(IOptions<UplinkOptions> options, string directory, ICommandTarget target, Func<Task> until)
    {
        using var buffer = new TelemetryBuffer(options, directory, TimeProvider.System, NullLogger<TelemetryBuffer>.Instance);
        using var uplink = new UplinkClient(buffer, options, TimeProvider.System, NullLogger<UplinkClient>.Instance, target);
        await uplink.StartAsync(Ct);
        await until();
        await uplink.StopAsync(Ct);
    }

    private static async Task<(Guid Id, string Name)> CreateCountingInstanceAsync(WebMacsTestHost host)
    {
        using var client = host.CreateClient(await host.LoginAsync());
        var name = PluginData.UniqueName("Counting");
        var config = $$"""{"instance_name": "{{name}}", "poll_interval_ms": 20}""";
        using var created = await client.PostRawJsonAsync("/api/v1/plugins", JsonSerializer.Serialize(new { plugin_id = "counting", instance_name = name, config_json = config }));
        await created.AssertSuccessAsync(HttpStatusCode.Created, "Plugin instance created.");
        var instance = await host.FindInstanceAsync(name);
        return (instance!.PublicId, name);
    }

    private static async Task PostAsync(WebMacsTestHost host, TestEvent linked, double value)
    {
        using var client = await host.OperatorClientAsync();
        using var response = await client.PostRawJsonAsync("/api/v1/datapoints", $$"""{"value": {{value.ToString(CultureInfo.InvariantCulture)}}, "event_public_id": "{{linked.Public}}"}""");
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }
}
