using System.Net;
using System.Text;
using WebMacs.AspNetCore.Tests.Dashboards;
using WebMacs.AspNetCore.Tests.Support;
using WebMacs.Domain;
using static WebMacs.AspNetCore.Tests.Support.Http;

namespace WebMacs.AspNetCore.Tests.Plugins;

// Routes 68–70: recorded packages are listed and removed; a wheel upload is refused (400), .nupkg uploads are in Packages/PluginPackageUploadTests.
public abstract partial class PluginsEndpointsTests
{
    private const string Packages = Path + "/packages";

    [Fact]
    public async Task Packages_List_OldestFirstWithParsedPluginIds()
    {
        var (host, callers) = await ArrangeAsync();
        var start = new DateTime(2001, 1, 1, 0, 0, 0, DateTimeKind.Utc).AddDays(Random.Shared.Next(0, 3650));
        var newest = await host.InsertPackageAsync(PluginData.UniqueName("pkg-c"), PluginSource.Uploaded, "[\"a\",\"b\"]", start.AddHours(3));
        var oldest = await host.InsertPackageAsync(PluginData.UniqueName("pkg-a"), PluginSource.Bundled, "not json", start.AddHours(1));
        var middle = await host.InsertPackageAsync(PluginData.UniqueName("pkg-b"), PluginSource.Uploaded, "[1,\"x\",null]", start.AddHours(2));
        var objectIds = await host.InsertPackageAsync(PluginData.UniqueName("pkg-d"), PluginSource.Uploaded, "{\"a\":1}", start.AddHours(4));

        using var response = await callers.ViewerClient.GetAsync(Packages, Ct);

        var body = (await response.ReadOkAsync()).EnumerateArray().ToList();
        var ours = body.Where(p => new[] { newest, oldest, middle, objectIds }.Any(x => x.PublicId.ToString() == p.GetProperty("public_id").GetString())).ToList();
        Assert.Equal([oldest.PackageName, middle.PackageName, newest.PackageName, objectIds.PackageName], ours.Select(p => p.GetProperty("package_name").GetString()));
        Assert.Equal(["file_hash_sha256", "file_size_bytes", "installed_on", "package_name", "plugin_ids", "public_id", "removable", "source", "version"], PropertyNames(ours[0]));
        Assert.Equal(("bundled", false, "[]"), (ours[0].GetProperty("source").GetString(), ours[0].GetProperty("removable").GetBoolean(), ours[0].GetProperty("plugin_ids").GetRawText()));
        Assert.Equal("[\"x\"]", ours[1].GetProperty("plugin_ids").GetRawText());
        Assert.Equal(("uploaded", true, "[\"a\",\"b\"]"), (ours[2].GetProperty("source").GetString(), ours[2].GetProperty("removable").GetBoolean(), ours[2].GetProperty("plugin_ids").GetRawText()));
        Assert.Equal("[]", ours[3].GetProperty("plugin_ids").GetRawText());
        Assert.Equal((2048, "1.2.3"), (ours[2].GetProperty("file_size_bytes").GetInt32(), ours[2].GetProperty("version").GetString()));
    }

    [Fact]
    public async Task Packages_UploadAWheel_Returns400AskingForANupkg()
    {
        var (_, callers) = await ArrangeAsync();
        using var form = new MultipartFormDataContent { { new ByteArrayContent(Encoding.UTF8.GetBytes("PK")), "file", "webmacs_plugin_x-1.0-py3-none-any.whl" } };

        using var response = await callers.Admin.PostAsync($"{Packages}/upload", form, Ct);

        await response.AssertErrorAsync(HttpStatusCode.BadRequest, "File must be a .nupkg (NuGet package).");
    }

    [Fact]
    public async Task Packages_DeleteUploaded_RemovesTheRowAndItsFileInThePackageFolder()
    {
        var (host, callers) = await ArrangeAsync();
        var folder = System.IO.Path.Combine(host.DataDirectory, "plugins");
        Directory.CreateDirectory(folder);
        var wheel = System.IO.Path.Combine(folder, $"{Guid.NewGuid():N}.whl");
        await File.WriteAllBytesAsync(wheel, [1], Ct);
        var name = "webmacs-plugin-" + Guid.NewGuid().ToString("N")[..8];
        var package = await host.InsertPackageAsync(name, PluginSource.Uploaded, "[]", DateTime.UtcNow, wheel);

        using var response = await callers.Admin.DeleteAsync($"{Packages}/{package.PublicId}", Ct);

        await AssertStatusMessageAsync(response, $"Plugin package '{name}' uninstalled. Restart the controller to apply.");
        Assert.Null(await host.FindPackageAsync(package.PublicId));
        Assert.False(File.Exists(wheel));
        using var again = await callers.Admin.DeleteAsync($"{Packages}/{package.PublicId}", Ct);
        await again.AssertErrorAsync(HttpStatusCode.NotFound, $"Plugin package '{package.PublicId}' not found.");
    }

    [Fact]
    public async Task Packages_DeleteWithAFileOutsideThePackageFolder_KeepsThatFile()
    {
        var (host, callers) = await ArrangeAsync();
        var outside = System.IO.Path.Combine(host.DataDirectory, $"{Guid.NewGuid():N}.whl");
        await File.WriteAllBytesAsync(outside, [1], Ct);
        var package = await host.InsertPackageAsync("webmacs-plugin-" + Guid.NewGuid().ToString("N")[..8], PluginSource.Uploaded, "[]", DateTime.UtcNow, "plugins/../" + System.IO.Path.GetFileName(outside));

        using var response = await callers.Admin.DeleteAsync($"{Packages}/{package.PublicId}", Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(File.Exists(outside));
        Assert.Null(await host.FindPackageAsync(package.PublicId));
    }

    [Theory]
    [InlineData("bundled", "good-name", "Bundled plugins cannot be removed.")]
    [InlineData("uploaded", "bad name!", "Invalid package name.")]
    [InlineData("uploaded", "../etc", "Invalid package name.")]
    public async Task Packages_DeleteRefused_Returns400AndKeepsTheRow(string source, string name, string detail)
    {
        var (host, callers) = await ArrangeAsync();
        var package = await host.InsertPackageAsync(name + Guid.NewGuid().ToString("N")[..6], WireEnum<PluginSource>.Parse(source), "[]", DateTime.UtcNow);

        using var response = await callers.Admin.DeleteAsync($"{Packages}/{package.PublicId}", Ct);

        await response.AssertErrorAsync(HttpStatusCode.BadRequest, detail);
        Assert.NotNull(await host.FindPackageAsync(package.PublicId));
    }

    [Fact]
    public async Task Packages_DeleteUnknown_Returns404()
    {
        var (_, callers) = await ArrangeAsync();

        using var response = await callers.Admin.DeleteAsync($"{Packages}/nope", Ct);

        await response.AssertErrorAsync(HttpStatusCode.NotFound, "Plugin package 'nope' not found.");
    }

    private static async Task AssertStatusMessageAsync(HttpResponseMessage response, string message)
    {
        var body = await response.ReadJsonAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, body.ToString());
        Assert.Equal(("success", message), (body.GetProperty("status").GetString(), body.GetProperty("message").GetString()));
    }
}
