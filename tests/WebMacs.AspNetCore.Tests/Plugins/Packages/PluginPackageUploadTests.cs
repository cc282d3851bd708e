using System.Net;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using WebMacs.AspNetCore.Tests.Dashboards;
using WebMacs.AspNetCore.Tests.Support;
using WebMacs.Plugins;
using static WebMacs.AspNetCore.Tests.Support.Http;

namespace WebMacs.AspNetCore.Tests.Plugins.Packages;

/// <summary>
/// <c>POST /api/v1/plugins/packages/upload</c> with real <c>.nupkg</c> files over real HTTP: an accepted package is
/// stored, recorded, loaded into its own load context and offered by the catalogue without a restart; it can be
/// downloaded and removed (unloaded). Refusals are in the other part of this class.
/// </summary>
public sealed partial class PluginPackageUploadTests(PluginPackageHost fixture) : IClassFixture<PluginPackageHost>
{
    private const string Plugins = "/api/v1/plugins";
    private const string Packages = Plugins + "/packages";

    [Fact]
    public async Task Upload_ValidPackage_IsRecordedLoadedAndOfferedWithoutARestart()
    {
        var callers = await RouteCallers.ForAsync(fixture.Host);
        var package = new TestPluginPackage();
        var bytes = package.Build();

        using var response = await UploadAsync(callers.Admin, bytes, package.Id + ".1.2.0.nupkg");

        await response.AssertSuccessAsync(HttpStatusCode.Created, $"Plugin package '{package.Id}' v1.2.0 installed ({bytes.Length:N0} bytes). Restart the controller to activate.");
        var listed = await FindListedAsync(callers.ViewerClient, package.Id);
        Assert.NotNull(listed);
        Assert.Equal(("uploaded", "1.2.0", true, bytes.Length), (listed.Value.GetProperty("source").GetString(), listed.Value.GetProperty("version").GetString(),
            listed.Value.GetProperty("removable").GetBoolean(), listed.Value.GetProperty("file_size_bytes").GetInt32()));
        Assert.Equal([package.PluginId], listed.Value.GetProperty("plugin_ids").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(bytes)), listed.Value.GetProperty("file_hash_sha256").GetString());
        var available = await AvailableAsync(callers.ViewerClient);
        var meta = Assert.Single(available, p => p.GetProperty("id").GetString() == package.PluginId);
        Assert.Equal(("Gauge " + package.PluginId, "Test Vendor"), (meta.GetProperty("name").GetString(), meta.GetProperty("vendor").GetString()));
        Assert.True(File.Exists(Path.Combine(fixture.PackageDirectory, $"{package.Id}.1.2.0.nupkg")));
        Assert.True(File.Exists(Path.Combine(fixture.PackageDirectory, $"{package.Id}.1.2.0", package.AssemblyFile)));
    }

    [Fact]
    public async Task CreateInstance_OfAnUploadedPlugin_DiscoversItsChannels()
    {
        var callers = await RouteCallers.ForAsync(fixture.Host);
        var package = new TestPluginPackage();
        using (var upload = await UploadAsync(callers.Admin, package.Build(), package.Id + ".nupkg"))
        {
            Assert.Equal(HttpStatusCode.Created, upload.StatusCode);
        }

        var name = "Tank " + Guid.NewGuid().ToString("N")[..6];
        using var created = await callers.Admin.PostRawJsonAsync(Plugins, JsonSerializer.Serialize(new { plugin_id = package.PluginId, instance_name = name }));
        await created.AssertSuccessAsync(HttpStatusCode.Created, "Plugin instance created.");

        var instance = await fixture.Host.FindInstanceAsync(name);
        using var channels = await callers.ViewerClient.GetAsync($"{Plugins}/{instance!.PublicId}/channels", Ct);
        var mappings = (await channels.ReadOkAsync()).EnumerateArray()
            .Select(m => (m.GetProperty("channel_id").GetString(), m.GetProperty("direction").GetString(), m.GetProperty("unit").GetString()))
            .OrderBy(m => m.Item1).ToList();
        // "mm" comes from the helper assembly shipped in the package: the package's own dependencies resolve from its folder.
        Assert.Equal([("level", "input", "mm"), ("valve", "output", "%")], mappings);
    }

    [Fact]
    public async Task Download_UploadedPackage_ReturnsTheBytesAndTheirSha256()
    {
        var callers = await RouteCallers.ForAsync(fixture.Host);
        var package = new TestPluginPackage();
        var bytes = package.Build();
        (await UploadAsync(callers.Admin, bytes, "any-name.nupkg")).Dispose();
        var id = (await FindListedAsync(callers.ViewerClient, package.Id))!.Value.GetProperty("public_id").GetString();

        using var response = await callers.ViewerToken.GetAsync($"{Packages}/{id}/download", Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(bytes, await response.Content.ReadAsByteArrayAsync(Ct));
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(bytes)), Assert.Single(response.Headers.GetValues("X-Package-Sha256")));
        Assert.Equal($"{package.Id}.1.2.0.nupkg", response.Content.Headers.ContentDisposition?.FileName?.Trim('"'));
        using var anonymous = await callers.Anonymous.GetAsync($"{Packages}/{id}/download", Ct);
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        using var unknown = await callers.ViewerClient.GetAsync($"{Packages}/{Guid.NewGuid()}/download", Ct);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
    }

    [Fact]
    public async Task Delete_UploadedPackage_UnloadsItAndRemovesItsFiles()
    {
        var callers = await RouteCallers.ForAsync(fixture.Host);
        var package = new TestPluginPackage();
        (await UploadAsync(callers.Admin, package.Build(), "p.nupkg")).Dispose();
        var id = (await FindListedAsync(callers.ViewerClient, package.Id))!.Value.GetProperty("public_id").GetString();

        using var response = await callers.Admin.DeleteAsync($"{Packages}/{id}", Ct);

        await response.AssertSuccessAsync(HttpStatusCode.OK, $"Plugin package '{package.Id}' uninstalled. Restart the controller to apply.");
        Assert.DoesNotContain(await AvailableAsync(callers.ViewerClient), p => p.GetProperty("id").GetString() == package.PluginId);
        Assert.Null(await FindListedAsync(callers.ViewerClient, package.Id));
        Assert.Empty(OwnFiles(package));
        Assert.False(fixture.Host.Services.GetRequiredService<PluginPackageLoader>().IsLoaded(package.Id));

        // The same package can be uploaded again once removed.
        using var again = await UploadAsync(callers.Admin, package.Build(), "p.nupkg");
        Assert.Equal(HttpStatusCode.Created, again.StatusCode);
    }

    [Fact]
    public async Task Startup_RecordedPackages_AreLoadedAgain()
    {
        var callers = await RouteCallers.ForAsync(fixture.Host);
        var package = new TestPluginPackage();
        (await UploadAsync(callers.Admin, package.Build(), "p.nupkg")).Dispose();
        var loader = fixture.Host.Services.GetRequiredService<PluginPackageLoader>();
        Assert.True(loader.Unload(package.Id)); // as after a restart: recorded and on disk, not loaded
        Assert.DoesNotContain(await AvailableAsync(callers.ViewerClient), p => p.GetProperty("id").GetString() == package.PluginId);

        var startup = fixture.Host.Services.GetServices<IHostedService>().OfType<PluginPackageStartupService>().Single();
        await startup.StartAsync(Ct);

        Assert.Contains(await AvailableAsync(callers.ViewerClient), p => p.GetProperty("id").GetString() == package.PluginId);
    }

    private static async Task<HttpResponseMessage> UploadAsync(HttpClient client, byte[] bytes, string fileName)
    {
        using var form = new MultipartFormDataContent { { new ByteArrayContent(bytes), "file", fileName } };
        return await client.PostAsync($"{Packages}/upload", form, Ct);
    }

    private static async Task<List<JsonElement>> AvailableAsync(HttpClient client)
    {
        using var response = await client.GetAsync($"{Plugins}/available", Ct);
        return [.. (await response.ReadOkAsync()).EnumerateArray()];
    }

    private static async Task<JsonElement?> FindListedAsync(HttpClient client, string packageId)
    {
        using var response = await client.GetAsync(Packages, Ct);
        var match = (await response.ReadOkAsync()).EnumerateArray().Where(p => p.GetProperty("package_name").GetString() == packageId).ToList();
        return match.Count == 0 ? null : match[0];
    }

    /// <summary>Lists what the package folder holds for this package, including anything left in the staging folder.</summary>
    private List<string> OwnFiles(TestPluginPackage package) =>
        !Directory.Exists(fixture.PackageDirectory)
            ? []
            : [.. Directory.EnumerateFileSystemEntries(fixture.PackageDirectory, "*", SearchOption.AllDirectories)
                .Where(p => p.Contains(package.Id, StringComparison.OrdinalIgnoreCase) || p.Contains($"{Path.DirectorySeparatorChar}.staging{Path.DirectorySeparatorChar}", StringComparison.Ordinal))];
}
