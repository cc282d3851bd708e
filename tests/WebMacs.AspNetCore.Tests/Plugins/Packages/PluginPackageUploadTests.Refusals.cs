using System.Net;
using System.Text;
using WebMacs.AspNetCore.Tests.Dashboards;
using WebMacs.AspNetCore.Tests.Support;
using static WebMacs.AspNetCore.Tests.Support.Http;

namespace WebMacs.AspNetCore.Tests.Plugins.Packages;

// Every refused package gets a 4xx whose detail says why, and leaves nothing on disk and nothing loaded.
public sealed partial class PluginPackageUploadTests
{
    [Fact]
    public async Task Upload_NotANupkgName_Returns400()
    {
        var callers = await RouteCallers.ForAsync(fixture.Host);

        using var response = await UploadAsync(callers.Admin, new TestPluginPackage().Build(), "webmacs_plugin_x-1.0-py3-none-any.whl");

        await response.AssertErrorAsync(HttpStatusCode.BadRequest, "File must be a .nupkg (NuGet package).");
    }

    [Fact]
    public async Task Upload_NotAZip_Returns422()
    {
        var callers = await RouteCallers.ForAsync(fixture.Host);

        using var response = await UploadAsync(callers.Admin, Encoding.UTF8.GetBytes("this is not a zip archive"), "plain.nupkg");

        await AssertRefusedAsync(response, HttpStatusCode.UnprocessableEntity, "Not a valid ZIP/NuGet package archive: ");
    }

    [Fact]
    public async Task Upload_TooBig_Returns413()
    {
        var callers = await RouteCallers.ForAsync(fixture.Host);
        var bytes = new byte[PluginPackageHost.MaxPackageBytes + 1];
        Random.Shared.NextBytes(bytes);

        using var response = await UploadAsync(callers.Admin, bytes, "huge.nupkg");

        await response.AssertErrorAsync(HttpStatusCode.RequestEntityTooLarge, "Package exceeds maximum size (262,144 bytes).");
        Assert.Empty(StagingEntries());
    }

    public static TheoryData<string> Malformed => ["no nuspec", "no lib/net10.0", "no attribute", "attribute names a non-plugin", "framework assembly", "sdk assembly",
        "path traversal", "rooted path", "zip bomb", "bad id"];

    [Theory]
    [MemberData(nameof(Malformed))]
    public async Task Upload_MalformedPackage_Returns422SayingWhyAndLeavesNothing(string defect)
    {
        var callers = await RouteCallers.ForAsync(fixture.Host);
        var (package, expected) = Defective(defect);

        using var response = await UploadAsync(callers.Admin, package.Build(), "bad.nupkg");

        await AssertRefusedAsync(response, HttpStatusCode.UnprocessableEntity, expected);
        Assert.Null(await FindListedAsync(callers.ViewerClient, package.Id));
        Assert.DoesNotContain(await AvailableAsync(callers.ViewerClient), p => p.GetProperty("id").GetString() == package.PluginId);
        Assert.Empty(OwnFiles(package));
    }

    [Fact]
    public async Task Upload_SamePackageIdTwice_Returns409AndKeepsTheFirst()
    {
        var callers = await RouteCallers.ForAsync(fixture.Host);
        var first = new TestPluginPackage();
        (await UploadAsync(callers.Admin, first.Build(), "a.nupkg")).Dispose();
        var second = new TestPluginPackage { Id = first.Id.ToUpperInvariant(), Version = "2.0.0" };

        using var response = await UploadAsync(callers.Admin, second.Build(), "b.nupkg");

        await response.AssertErrorAsync(HttpStatusCode.Conflict, $"Plugin package '{second.Id}' is already installed. Remove it first to upload a new version.");
        Assert.Contains(await AvailableAsync(callers.ViewerClient), p => p.GetProperty("id").GetString() == first.PluginId);
        Assert.DoesNotContain(await AvailableAsync(callers.ViewerClient), p => p.GetProperty("id").GetString() == second.PluginId);
        Assert.False(File.Exists(Path.Combine(fixture.PackageDirectory, $"{second.Id}.2.0.0.nupkg")));
    }

    [Fact]
    public async Task Upload_PluginIdAlreadyOffered_Returns409()
    {
        var callers = await RouteCallers.ForAsync(fixture.Host);
        var first = new TestPluginPackage();
        (await UploadAsync(callers.Admin, first.Build(), "a.nupkg")).Dispose();
        var second = new TestPluginPackage { PluginId = first.PluginId };

        using var response = await UploadAsync(callers.Admin, second.Build(), "b.nupkg");

        await response.AssertErrorAsync(HttpStatusCode.Conflict, $"Plugin id '{first.PluginId}' of package '{second.Id}' is already provided by another plugin.");
        Assert.Null(await FindListedAsync(callers.ViewerClient, second.Id));
        Assert.Empty(OwnFiles(second));
    }

    [Fact]
    public async Task Upload_NotAnAdmin_Returns401Or403()
    {
        var callers = await RouteCallers.ForAsync(fixture.Host);
        var package = new TestPluginPackage();

        foreach (var (client, status) in new[]
                 {
                     (callers.Anonymous, HttpStatusCode.Unauthorized), (callers.ViewerClient, HttpStatusCode.Forbidden),
                     (callers.OperatorClient, HttpStatusCode.Forbidden), (callers.OperatorToken, HttpStatusCode.Forbidden),
                 })
        {
            using var response = await UploadAsync(client, package.Build(), "p.nupkg");
            Assert.Equal(status, response.StatusCode);
        }

        Assert.Null(await FindListedAsync(callers.ViewerClient, package.Id));
        Assert.Empty(OwnFiles(package));
    }

    private static (TestPluginPackage Package, string Detail) Defective(string defect)
    {
        switch (defect)
        {
            case "no nuspec":
                return (new TestPluginPackage { IncludeNuspec = false }, "No .nuspec found at the root of the package.");
            case "no lib/net10.0":
            {
                var p = new TestPluginPackage { LibFolder = "lib/net8.0/" };
                return (p, $"Package '{p.Id}' has no assemblies under lib/net10.0/.");
            }

            case "no attribute":
            {
                var p = new TestPluginPackage { DeclarePlugin = false };
                return (p, $"Package '{p.Id}' does not declare a plugin: no assembly under lib/net10.0/ carries [assembly: WebMacsPlugin(typeof(…))].");
            }

            case "attribute names a non-plugin":
            {
                var p = new TestPluginPackage { DeclareNonPlugin = true };
                return (p, $"[WebMacsPlugin] in 'lib/net10.0/{p.AssemblyFile}' names {p.Namespace}.NotAPlugin, which does not derive from WebMacs.Plugins.DevicePlugin.");
            }

            case "framework assembly":
            {
                var p = new TestPluginPackage();
                p.ExtraEntries.Add(("lib/net10.0/System.Text.Json.dll", [1, 2, 3]));
                return (p, $"Package '{p.Id}' contains 'lib/net10.0/System.Text.Json.dll', which conflicts with an assembly the host provides");
            }

            case "sdk assembly":
            {
                var p = new TestPluginPackage();
                p.ExtraEntries.Add(("lib/net10.0/WebMacs.Plugins.Sdk.dll", File.ReadAllBytes(typeof(WebMacs.Plugins.DevicePlugin).Assembly.Location)));
                return (p, $"Package '{p.Id}' contains 'lib/net10.0/WebMacs.Plugins.Sdk.dll', which conflicts with an assembly the host provides");
            }

            case "path traversal":
            {
                var p = new TestPluginPackage();
                p.ExtraEntries.Add(("lib/net10.0/../../../evil.txt", [1]));
                return (p, "Package entry 'lib/net10.0/../../../evil.txt' is not a plain relative path inside the package (path traversal");
            }

            case "rooted path":
            {
                var p = new TestPluginPackage();
                p.ExtraEntries.Add(("/tmp/evil.txt", [1]));
                return (p, "Package entry '/tmp/evil.txt' is not a plain relative path inside the package");
            }

            case "zip bomb":
            {
                var p = new TestPluginPackage();
                p.ExtraEntries.Add(("lib/net10.0/zeros.bin", new byte[32 * 1024 * 1024]));
                return (p, "Package entry 'lib/net10.0/zeros.bin' expands more than 200:1");
            }

            case "bad id":
                return (new TestPluginPackage { Id = "bad id!" }, "Package id 'bad id!' is not valid");
            default:
                throw new ArgumentOutOfRangeException(nameof(defect), defect, null);
        }
    }

    private static async Task AssertRefusedAsync(HttpResponseMessage response, HttpStatusCode status, string detailStart)
    {
        var body = await response.ReadJsonAsync();
        Assert.True(status == response.StatusCode, $"Expected {(int)status}, got {(int)response.StatusCode}: {body}");
        Assert.StartsWith(detailStart, body.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    private List<string> StagingEntries()
    {
        var staging = Path.Combine(fixture.PackageDirectory, ".staging");
        return Directory.Exists(staging) ? [.. Directory.EnumerateFileSystemEntries(staging)] : [];
    }
}
