using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using WebMacs.AspNetCore.Tests.Controller;
using WebMacs.AspNetCore.Tests.Dashboards;
using WebMacs.AspNetCore.Tests.Plugins;
using WebMacs.AspNetCore.Tests.Plugins.Packages;
using WebMacs.AspNetCore.Tests.Support;
using WebMacs.Plugins;
using WebMacs.Uplink;

namespace WebMacs.AspNetCore.Tests.Uplink;

/// <summary>
/// An edge controller (Generic Host, <c>AddUplink()</c>) against a real backend over real sockets, with plugin packages
/// uploaded to the backend: the controller downloads, checks and loads them, starts the instances of their plugins,
/// refuses a download that does not match the listed SHA-256, unloads a package removed from the backend (its instance
/// stops, writing its safe values, and reports an error), and loads its kept packages after a restart without network.
/// </summary>
public sealed class RemotePackageSyncTests
{
    private const string Packages = "/api/v1/plugins/packages";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Sync_PackageUploadedToBackend_DownloadsItAndItsInstanceRecordsDatapointsThroughTheUplink()
    {
        await using var backend = await Backend.StartAsync();
        await using var controller = await ControllerHost.StartAsync(backend.Host.BaseAddress, backend.Token);
        var package = new TestPluginPackage();

        await UploadAsync(backend, package);
        var id = await CreateInstanceAsync(backend, package);

        await Eventually.UntilAsync(async () => (await backend.DatapointsAsync(id, "level")).Count, n => n >= 3, "datapoints of the package's plugin stored in the backend");
        Assert.True(Loader(controller).IsLoaded(package.Id));
        Assert.True(File.Exists(Path.Combine(Sync(controller).Directory, $"{package.Id}.{package.Version}.nupkg")), "The downloaded package is kept for restarts.");
        Assert.All(await backend.DatapointsAsync(id, "level"), d => Assert.Equal(1.0, d.Value));
        await Eventually.UntilAsync(() => backend.GetInstanceAsync(id), i => i.GetProperty("status").GetString() == "connected", "the status connected");
    }

    [Fact]
    public async Task Sync_DownloadDoesNotMatchTheListedSha256_RefusesItAndLoadsNothing()
    {
        await using var backend = await Backend.StartAsync();
        var package = new TestPluginPackage();
        await UploadAsync(backend, package);
        var id = await CreateInstanceAsync(backend, package);

        // The stored file is replaced after the upload by another valid package of the same id and version: the
        // backend's header describes the new bytes, but its list keeps the SHA-256 recorded at upload.
        var stored = Path.Combine(backend.Host.DataDirectory, "plugins", $"{package.Id}.{package.Version}.nupkg");
        await File.WriteAllBytesAsync(stored, new TestPluginPackage { Id = package.Id, PluginId = package.PluginId }.Build(), Ct);
        await using var controller = await ControllerHost.StartAsync(backend.Host.BaseAddress, backend.Token);

        var instance = await Eventually.UntilAsync(() => backend.GetInstanceAsync(id), i => i.GetProperty("status").GetString() == "error", "the status error");
        Assert.Equal($"The plugin '{package.PluginId}' is not installed on this host.", instance.GetProperty("error_message").GetString());
        Assert.False(Loader(controller).IsLoaded(package.Id));
        Assert.Null(controller.Engine.Find(id));
        Assert.Empty(await backend.DatapointsAsync(id, "level"));
        Assert.DoesNotContain(Directory.EnumerateFileSystemEntries(Sync(controller).Directory, "*", SearchOption.AllDirectories),
            p => p.Contains(package.Id, StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task Sync_PackageDeletedOnBackend_UnloadsItAndItsInstanceStopsWithSafeValuesAndReportsError()
    {
        await using var backend = await Backend.StartAsync();
        await using var controller = await ControllerHost.StartAsync(backend.Host.BaseAddress, backend.Token);
        var package = new TestPluginPackage();
        var publicId = await UploadAsync(backend, package);
        var id = await CreateInstanceAsync(backend, package);
        await Eventually.UntilAsync(async () => (await backend.DatapointsAsync(id, "level")).Count, n => n >= 1, "the instance sampling on the controller");
        package.SetLastWrite("valve", -1);

        using (var deleted = await backend.Admin.DeleteAsync(new Uri($"{Packages}/{publicId}", UriKind.Relative), Ct))
        {
            deleted.EnsureSuccessStatusCode();
        }

        // The engine forgets the runner first and then stops it: wait for the safe value too, not only the removal.
        await Eventually.UntilAsync(() => controller.Engine.Find(id) is null, "the instance stopped on the controller");
        await Eventually.UntilAsync(() => package.LastWrite("valve") == 0.0, "the safe value written");
        Assert.False(Loader(controller).IsLoaded(package.Id));
        var instance = await Eventually.UntilAsync(() => backend.GetInstanceAsync(id), i => i.GetProperty("status").GetString() == "error", "the status error");
        Assert.Equal($"The plugin '{package.PluginId}' is not installed on this host.", instance.GetProperty("error_message").GetString());
        await Eventually.UntilAsync(
            () => !File.Exists(Path.Combine(Sync(controller).Directory, $"{package.Id}.{package.Version}.nupkg")), "the kept package file deleted");
    }

    [Fact]
    public async Task Sync_ControllerRestartedWithBackendUnreachable_LoadsTheKeptPackageAndAcquires()
    {
        await using var backend = await Backend.StartAsync();
        await using var first = await ControllerHost.StartAsync(backend.Host.BaseAddress, backend.Token);
        var package = new TestPluginPackage();
        await UploadAsync(backend, package);
        var id = await CreateInstanceAsync(backend, package);
        await Eventually.UntilAsync(async () => (await backend.DatapointsAsync(id, "level")).Count, n => n >= 1, "the instance sampling on the first controller");
        await first.StopAsync();

        // Port 1 on loopback refuses connections: the backend is unreachable.
        await using var second = await ControllerHost.StartAsync(new Uri("http://127.0.0.1:1"), backend.Token, first.DataDirectory);

        await Eventually.UntilAsync(() => second.Engine.Find(id) is not null, "the instance running from the kept package");
        Assert.True(Loader(second).IsLoaded(package.Id));
        Assert.Equal(package.PluginId, second.Engine.Find(id)!.Plugin.Descriptor.Id);
        await Eventually.UntilAsync(() => second.Buffer.PendingBatches > 0, "the samples waiting in the buffer for the backend");
    }

    [Fact]
    public async Task Sync_DownloadPackagesOff_LoadsNothingAndTheInstanceReportsItsPluginMissing()
    {
        await using var backend = await Backend.StartAsync();
        var package = new TestPluginPackage();
        await UploadAsync(backend, package);
        var id = await CreateInstanceAsync(backend, package);

        await using var controller = await ControllerHost.StartAsync(backend.Host.BaseAddress, backend.Token, uplink: o => o.DownloadPackages = false);

        var instance = await Eventually.UntilAsync(() => backend.GetInstanceAsync(id), i => i.GetProperty("status").GetString() == "error", "the status error");
        Assert.Equal($"The plugin '{package.PluginId}' is not installed on this host.", instance.GetProperty("error_message").GetString());
        Assert.False(Loader(controller).IsLoaded(package.Id));
        Assert.False(Directory.Exists(Sync(controller).Directory), "No package folder is made when packages are not downloaded.");
    }

    private static PluginPackageLoader Loader(ControllerHost controller) => controller.Services.GetRequiredService<PluginPackageLoader>();

    private static RemotePackageSync Sync(ControllerHost controller) => controller.Services.GetRequiredService<RemotePackageSync>();

    /// <summary>Uploads the package through <c>POST /api/v1/plugins/packages/upload</c>; returns its public id.</summary>
    private static async Task<string> UploadAsync(Backend backend, TestPluginPackage package)
    {
        using (var form = new MultipartFormDataContent { { new ByteArrayContent(package.Build()), "file", package.Id + ".nupkg" } })
        using (var upload = await backend.Admin.PostAsync(new Uri($"{Packages}/upload", UriKind.Relative), form, Ct))
        {
            Assert.Equal(HttpStatusCode.Created, upload.StatusCode);
        }

        using var list = await backend.Admin.GetAsync(new Uri(Packages, UriKind.Relative), Ct);
        return (await list.ReadOkAsync()).EnumerateArray().Single(p => p.GetProperty("package_name").GetString() == package.Id).GetProperty("public_id").GetString()!;
    }

    /// <summary>Creates an instance of the package's plugin on the backend (its channels' events are created with it).</summary>
    private static async Task<Guid> CreateInstanceAsync(Backend backend, TestPluginPackage package)
    {
        var name = PluginData.UniqueName("Gauge");
        var config = $$"""{"instance_name": "{{name}}", "poll_interval_ms": 50}""";
        using var created = await backend.Admin.PostRawJsonAsync("/api/v1/plugins",
            JsonSerializer.Serialize(new { plugin_id = package.PluginId, instance_name = name, demo_mode = false, config_json = config }));
        await created.AssertSuccessAsync(HttpStatusCode.Created, "Plugin instance created.");
        return (await backend.Host.FindInstanceAsync(name))!.PublicId;
    }
}
