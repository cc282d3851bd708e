using System.Text.Json;
using WebMacs.AspNetCore.Tests.Datapoints;
using WebMacs.AspNetCore.Tests.Support;
using WebMacs.AspNetCore.Tests.WebSockets;
using WebMacs.Domain;
using WebMacs.Testing.Hosting;
using static WebMacs.AspNetCore.Tests.WebSockets.TelemetryFrames;

namespace WebMacs.AspNetCore.Tests.Commands;

/// <summary>Arranges plugin instances whose channels are mapped to events with a chosen direction, and controller sockets.</summary>
internal static class CommandData
{
    /// <summary>Inserts an enabled plugin instance with one channel per (channel id, direction, event); returns its public id.</summary>
    public static async Task<Guid> CreateInstanceAsync(this WebMacsTestHost host, params (string Channel, ChannelDirection Direction, TestEvent Event)[] channels)
    {
        var adminId = await host.GetUserIdAsync(WebMacsTestHost.AdminEmail);
        return await host.WithDbAsync(async db =>
        {
            var instance = new PluginInstance
            {
                PluginId = "simulated",
                InstanceName = $"instance-{Guid.NewGuid():N}",
                Enabled = true,
                CreatedOn = DateTime.UtcNow,
                UpdatedOn = DateTime.UtcNow,
                UserId = adminId,
            };
            foreach (var (channel, direction, linked) in channels)
            {
                instance.ChannelMappings.Add(new ChannelMapping
                {
                    ChannelId = channel,
                    ChannelName = channel,
                    Direction = direction,
                    Unit = "%",
                    EventId = linked.Id,
                    CreatedOn = DateTime.UtcNow,
                });
            }

            db.PluginInstances.Add(instance);
            await db.SaveChangesAsync(TestContext.Current.CancellationToken);
            return instance.PublicId;
        });
    }

    /// <summary>Connects a raw controller socket and announces <paramref name="instances"/>; returns once the server handled the hello.</summary>
    public static async Task<WsClient> ConnectControllerAsync(this WebMacsTestHost host, string source, params Guid[] instances)
    {
        var client = await WsClient.ConnectAsync(host, WsClient.Telemetry, await host.LoginAsync());
        await client.SendTextAsync(JsonSerializer.Serialize(new { type = "hello", source, instances }));

        // Messages are handled in order: the probe's error proves the hello was handled (and got no reply).
        await AssertNoReplyBeforeProbeAsync(client);
        return client;
    }

    /// <summary>Receives the next frame and checks that it is a command for (instance, channel, event, value).</summary>
    public static async Task<string> AssertCommandAsync(this WsClient client, Guid instance, string channel, TestEvent linked, double value)
    {
        var frame = await client.ReceiveJsonAsync();
        Assert.Equal("command", frame.GetProperty("type").GetString());
        Assert.Equal(instance, frame.GetProperty("plugin_instance_id").GetGuid());
        Assert.Equal(channel, frame.GetProperty("channel_id").GetString());
        Assert.Equal(linked.PublicId, frame.GetProperty("event_public_id").GetGuid());
        Assert.Equal(value, frame.GetProperty("value").GetDouble());
        var id = frame.GetProperty("command_id").GetString()!;
        Assert.True(Guid.TryParse(id, out _), id);
        return id;
    }
}
