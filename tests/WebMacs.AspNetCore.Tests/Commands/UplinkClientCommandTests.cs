using System.Collections.Concurrent;
using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using WebMacs.AspNetCore.Tests.Acquisition;
using WebMacs.AspNetCore.Tests.Datapoints;
using WebMacs.AspNetCore.Tests.Support;
using WebMacs.Commands;
using WebMacs.Domain;
using WebMacs.Testing.Hosting;
using WebMacs.Uplink;
using static WebMacs.AspNetCore.Tests.Support.Http;

namespace WebMacs.AspNetCore.Tests.Commands;

/// <summary>
/// The <see cref="UplinkClient"/>'s command side against a real backend, at unit level: the command target is a
/// recording stand-in (the end-to-end path through the acquisition engine is in <see cref="UplinkCommandTests"/>).
/// </summary>
public sealed class UplinkClientCommandTests(WebMacsHosts hosts) : IClassFixture<WebMacsHosts>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Command_InstanceStartedLaterAndWriteFails_IsAnnouncedAndTheSessionKeepsWriting()
    {
        var host = await hosts.GetAsync(TestStore.Sqlite);
        var valve = await host.CreateEventAsync();
        var instance = await host.CreateInstanceAsync(("valve", ChannelDirection.Output, valve));
        var target = new RecordingTarget { FailNext = true };
        var directory = Directory.CreateTempSubdirectory("webmacs-commands-").FullName;
        try
        {
            var options = Options.Create(new UplinkOptions
            {
                BackendUrl = host.BaseAddress,
                ApiToken = await host.CreateApiTokenAsync(WebMacsTestHost.AdminEmail),
                Source = "ctl-unit",
            });
            using var buffer = new TelemetryBuffer(options, directory, TimeProvider.System, NullLogger<TelemetryBuffer>.Instance);
            using var uplink = new UplinkClient(buffer, options, TimeProvider.System, NullLogger<UplinkClient>.Instance, target);
            await uplink.StartAsync(Ct);
            var registry = host.Services.GetRequiredService<ControllerRegistry>();
            await AcquisitionHost.WaitUntilAsync(() => Task.FromResult(uplink.IsConnected), "the uplink connects");

            // The instance starts after the session began: the uplink announces it again.
            target.Running.Add(instance);
            await AcquisitionHost.WaitUntilAsync(() => Task.FromResult(registry.For(instance).Count > 0), "the instance is announced");

            await PostAsync(host, valve, 1);
            await AcquisitionHost.WaitUntilAsync(() => Task.FromResult(target.Attempts.Count == 1), "the first command arrives");
            await PostAsync(host, valve, 2);
            await AcquisitionHost.WaitUntilAsync(() => Task.FromResult(target.Attempts.Count == 2), "the second command arrives");

            Assert.Equal([(instance, "valve", 1.0), (instance, "valve", 2.0)], target.Attempts);
            Assert.True(uplink.IsConnected, "A failed write does not end the session.");
            await uplink.StopAsync(Ct);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    private static async Task PostAsync(WebMacsTestHost host, TestEvent linked, int value)
    {
        using var client = await host.OperatorClientAsync();
        using var response = await client.PostRawJsonAsync("/api/v1/datapoints", $$"""{"value": {{value}}, "event_public_id": "{{linked.Public}}"}""");
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }

    /// <summary>Records write attempts; fails the first one when asked.</summary>
    private sealed class RecordingTarget : ICommandTarget
    {
        public ConcurrentBag<Guid> Running { get; } = [];

        public ConcurrentQueue<(Guid, string, double)> Attempts { get; } = new();

        public bool FailNext { get; set; }

        public IReadOnlyCollection<Guid> Instances => [.. Running];

        public ValueTask WriteAsync(Guid instance, string channelId, double value, CancellationToken cancellationToken)
        {
            Attempts.Enqueue((instance, channelId, value));
            if (FailNext)
            {
                FailNext = false;
                throw new IOException("device busy");
            }

            return ValueTask.CompletedTask;
        }
    }
}
