using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using WebMacs.AspNetCore.Tests.Acquisition;
using WebMacs.AspNetCore.Tests.Support;
using WebMacs.Commands;
using WebMacs.Testing.Hosting;
using WebMacs.Uplink;
using static WebMacs.AspNetCore.Tests.Support.Http;

namespace WebMacs.AspNetCore.Tests.Commands;

/// <summary>
/// End to end over a real socket: the real <see cref="UplinkClient"/> with the real acquisition engine as its
/// <see cref="ICommandTarget"/> announces the running instance; a value posted to the output's event reaches the
/// plugin's hardware write. (One host plays both sides: its engine runs the instance, its telemetry socket is the
/// backend the uplink connects to.)
/// </summary>
public sealed class UplinkCommandTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task PostDatapoint_OutputOfInstanceRunningBehindUplink_IsWrittenThroughThePlugin()
    {
        await using var host = await AcquisitionHost.StartAsync();
        var (instance, name) = await host.CreateInstanceAsync();
        await AcquisitionHost.WaitUntilAsync(() => Task.FromResult(host.Engine.Instances.Contains(instance)), "the instance runs");
        var output = await host.Host.WithDbAsync(db => db.ChannelMappings.AsNoTracking()
            .Where(m => m.PluginInstance!.PublicId == instance && m.ChannelId == "out")
            .Select(m => m.Event!.PublicId)
            .SingleAsync(Ct));
        var directory = Directory.CreateTempSubdirectory("webmacs-commands-").FullName;
        try
        {
            var options = Options.Create(new UplinkOptions
            {
                BackendUrl = host.Host.BaseAddress,
                ApiToken = await host.Host.CreateApiTokenAsync(WebMacsTestHost.AdminEmail),
                Source = "ctl-e2e",
                MinReconnectDelay = TimeSpan.FromMilliseconds(100),
                MaxReconnectDelay = TimeSpan.FromSeconds(1),
            });
            using var buffer = new TelemetryBuffer(options, directory, TimeProvider.System, NullLogger<TelemetryBuffer>.Instance);
            using var uplink = new UplinkClient(buffer, options, TimeProvider.System, NullLogger<UplinkClient>.Instance, host.Engine);
            await uplink.StartAsync(Ct);
            var registry = host.Host.Services.GetRequiredService<ControllerRegistry>();
            await AcquisitionHost.WaitUntilAsync(() => Task.FromResult(registry.For(instance).Count > 0), "the uplink announced the instance");

            using var client = await host.Host.OperatorClientAsync();
            using var response = await client.PostRawJsonAsync("/api/v1/datapoints", $$"""{"value": 55, "event_public_id": "{{output}}"}""");
            Assert.Equal(HttpStatusCode.Created, response.StatusCode);

            var plugin = AcquisitionHost.PluginOf(name);
            await AcquisitionHost.WaitUntilAsync(() => Task.FromResult(plugin.Writes.Contains(("out", 55.0))), "the command is written");
            await uplink.StopAsync(Ct);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }
}
