using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using WebMacs.AspNetCore.Tests.Acquisition;
using WebMacs.AspNetCore.Tests.Dashboards;
using WebMacs.AspNetCore.Tests.Support;
using WebMacs.Testing.Hosting;
using static WebMacs.AspNetCore.Tests.Support.Http;

namespace WebMacs.AspNetCore.Tests.Plugins.Packages;

/// <summary>
/// The acquisition engine of a running host picks up a plugin from a package uploaded while it runs: an instance of
/// the uploaded plugin is polled and its samples land in the auto-created events.
/// </summary>
public sealed class PluginPackageAcquisitionTests
{
    [Fact]
    public async Task Sync_PackageUploadedWhileRunning_InstanceOfItsPluginRecordsDatapoints()
    {
        await using var host = await WebMacsTestHost.StartAsync(b => b.AddSqlite().AddAcquisition(o => o.SyncInterval = TimeSpan.FromMilliseconds(200)));
        var callers = await RouteCallers.ForAsync(host);
        var package = new TestPluginPackage();
        using (var form = new MultipartFormDataContent { { new ByteArrayContent(package.Build()), "file", package.Id + ".nupkg" } })
        using (var upload = await callers.Admin.PostAsync("/api/v1/plugins/packages/upload", form, Ct))
        {
            Assert.Equal(HttpStatusCode.Created, upload.StatusCode);
        }

        var name = "Gauge " + Guid.NewGuid().ToString("N")[..6];
        var config = $$"""{"instance_name": "{{name}}", "poll_interval_ms": 50}""";
        using (var created = await callers.Admin.PostRawJsonAsync("/api/v1/plugins", JsonSerializer.Serialize(new { plugin_id = package.PluginId, instance_name = name, demo_mode = true, config_json = config })))
        {
            await created.AssertSuccessAsync(HttpStatusCode.Created, "Plugin instance created.");
        }

        var instance = await host.FindInstanceAsync(name);
        Assert.NotNull(instance);
        await AcquisitionHost.WaitUntilAsync(
            async () => await host.WithDbAsync(db => db.Datapoints.AsNoTracking().AnyAsync(
                d => db.ChannelMappings.Any(m => m.PluginInstance!.PublicId == instance.PublicId && m.ChannelId == "level" && m.EventId == d.EventId), Ct)),
            "the uploaded plugin's instance recorded a datapoint for its 'level' event");
    }
}
