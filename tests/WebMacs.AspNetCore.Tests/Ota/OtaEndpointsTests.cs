using System.Net;
using System.Text.Json;
using WebMacs.AspNetCore.Tests.Dashboards;
using WebMacs.AspNetCore.Tests.Support;
using WebMacs.Domain;
using WebMacs.Testing.Hosting;
using static WebMacs.AspNetCore.Tests.Support.Http;

namespace WebMacs.AspNetCore.Tests.Ota;

/// <summary>Routes 51, 52, 54 and 57 (reference §4.3, §10 items 67 and 71) over real sockets; run once per store by the subclasses.</summary>
public abstract partial class OtaEndpointsTests(OtaHosts hosts, TestStore store)
{
    private const string Path = "/api/v1/ota";

    private static readonly string[] FirmwareKeys =
    [
        "changelog", "completed_on", "created_on", "error_message", "file_hash_sha256", "file_size_bytes", "has_firmware_file", "public_id",
        "started_on", "status", "user_public_id", "version",
    ];

    private OtaHosts Hosts => hosts;

    private async Task<(WebMacsTestHost Host, RouteCallers Callers)> ArrangeAsync()
    {
        var host = await hosts.GetAsync(store);
        return (host, await RouteCallers.ForAsync(host));
    }

    private static async Task<JsonElement> GetFirmwareAsync(HttpClient client, Guid publicId)
    {
        using var response = await client.GetAsync($"{Path}/{publicId}", Ct);
        return await response.ReadOkAsync();
    }

    [Fact]
    public async Task Create_StrictVersion_Returns201AndStoresAPendingRecord()
    {
        var (host, callers) = await ArrangeAsync();
        var version = FirmwareData.UniqueVersion();

        using var response = await callers.Admin.PostRawJsonAsync(Path, JsonSerializer.Serialize(new { version, changelog = "Fixes." }));

        await response.AssertSuccessAsync(HttpStatusCode.Created, "Firmware update successfully registered.");
        var stored = await host.FindFirmwareAsync(version);
        Assert.NotNull(stored);
        var body = await GetFirmwareAsync(callers.Admin, stored.PublicId);
        Assert.Equal(FirmwareKeys, PropertyNames(body));
        Assert.Equal(version, body.GetProperty("version").GetString());
        Assert.Equal("Fixes.", body.GetProperty("changelog").GetString());
        Assert.Equal("pending", body.GetProperty("status").GetString());
        Assert.False(body.GetProperty("has_firmware_file").GetBoolean());
        foreach (var key in new[] { "file_hash_sha256", "file_size_bytes", "error_message", "started_on", "completed_on" })
        {
            Assert.Equal(JsonValueKind.Null, body.GetProperty(key).ValueKind);
        }

        Assert.Equal((await host.GetUserPublicIdAsync(await host.GetUserIdAsync(WebMacsTestHost.AdminEmail))).ToString(), body.GetProperty("user_public_id").GetString());
    }

    [Fact]
    public async Task Create_SameVersionTwice_Returns409()
    {
        var (_, callers) = await ArrangeAsync();
        var json = JsonSerializer.Serialize(new { version = FirmwareData.UniqueVersion() });
        using var first = await callers.Admin.PostRawJsonAsync(Path, json);

        using var second = await callers.AdminToken.PostRawJsonAsync(Path, json);

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        await second.AssertErrorAsync(HttpStatusCode.Conflict, "FirmwareUpdate already exists.");
    }

    [Theory]
    [InlineData("1.0")]
    [InlineData("01.0.0")]
    [InlineData("1.00.0")]
    [InlineData("1.0.0-beta")]
    [InlineData("v1.0.0")]
    [InlineData("1.0.0\n")]
    [InlineData(" 1.0.0")]
    [InlineData("1.0.0.0")]
    [InlineData("\u0661.0.0")]
    public async Task Create_NotStrictSemver_Returns422PatternMismatch(string version)
    {
        var (_, callers) = await ArrangeAsync();

        using var response = await callers.Admin.PostRawJsonAsync(Path, JsonSerializer.Serialize(new { version }));

        var error = Assert.Single(await response.AssertValidationErrorAsync());
        Assert.Equal("body/version", Loc(error));
        Assert.Equal("string_pattern_mismatch", error.GetProperty("type").GetString());
        Assert.Equal(@"String should match pattern '^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)$'", error.GetProperty("msg").GetString());
    }

    [Theory]
    [InlineData("{}", "missing")]
    [InlineData("{\"version\":\"\"}", "string_too_short")]
    [InlineData("{\"version\":null}", "string_type")]
    [InlineData("{\"version\":1}", "string_type")]
    public async Task Create_MissingOrInvalidVersion_Returns422(string json, string type)
    {
        var (_, callers) = await ArrangeAsync();

        using var response = await callers.Admin.PostRawJsonAsync(Path, json);

        var error = Assert.Single(await response.AssertValidationErrorAsync());
        Assert.Equal(("body/version", type), (Loc(error), error.GetProperty("type").GetString()));
    }

    [Fact]
    public async Task Create_VersionOf51Characters_Returns422()
    {
        var (_, callers) = await ArrangeAsync();
        var version = "1.0." + new string('1', 47);

        using var response = await callers.Admin.PostRawJsonAsync(Path, JsonSerializer.Serialize(new { version }));

        Assert.Equal("string_too_long", Assert.Single(await response.AssertValidationErrorAsync()).GetProperty("type").GetString());
    }

    [Fact]
    public async Task Routes_RoleGuards_MatchTheContract()
    {
        var (host, callers) = await ArrangeAsync();
        var id = (await host.InsertFirmwareAsync()).PublicId;

        await RouteChecks.AssertRoleGuardAsync(callers, HttpMethod.Get, Path, UserRole.Admin);
        await RouteChecks.AssertRoleGuardAsync(callers, HttpMethod.Post, Path, UserRole.Admin, "{\"version\":\"1.0\"}");
        await RouteChecks.AssertRoleGuardAsync(callers, HttpMethod.Get, $"{Path}/check", UserRole.Viewer);
        await RouteChecks.AssertRoleGuardAsync(callers, HttpMethod.Get, $"{Path}/{id}", UserRole.Admin);
        await RouteChecks.AssertRoleGuardAsync(callers, HttpMethod.Post, $"{Path}/{Guid.NewGuid()}/apply", UserRole.Admin, "{\"file_hash_sha256\":\"short\"}");
        await RouteChecks.AssertRoleGuardAsync(callers, HttpMethod.Post, $"{Path}/{Guid.NewGuid()}/rollback", UserRole.Admin);
        await RouteChecks.AssertRoleGuardAsync(callers, HttpMethod.Delete, $"{Path}/{Guid.NewGuid()}", UserRole.Admin);
        await RouteChecks.AssertRoleGuardAsync(callers, HttpMethod.Post, $"{Path}/upload", UserRole.Admin, "{}");
    }

    [Fact]
    public async Task List_Pagination_FollowsTheConventions()
    {
        var (host, callers) = await ArrangeAsync();
        await host.InsertFirmwareAsync();

        await RouteChecks.AssertPaginationAsync(callers.Admin, Path, host.CountFirmwareAsync);
    }

    [Fact]
    public async Task List_Records_HaveTheResponseShapeAndNoFilePath()
    {
        var (host, callers) = await ArrangeAsync();
        var row = await host.InsertFirmwareAsync(filePath: "/secret/firmware.tar.gz");

        var listed = await FindListedAsync(callers.Admin, row.PublicId);
        var single = await GetFirmwareAsync(callers.Admin, row.PublicId);

        Assert.Equal(FirmwareKeys, PropertyNames(listed));
        Assert.True(listed.GetProperty("has_firmware_file").GetBoolean());
        Assert.Equal(listed.ToString(), single.ToString());
        Assert.DoesNotContain("/secret/", listed.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Get_RecordWhoseCreatorWasDeleted_HasANullUser()
    {
        var (host, callers) = await ArrangeAsync();
        var creator = await host.CreateUserAsync(UserRole.Admin);
        var version = FirmwareData.UniqueVersion();
        using (var created = await host.CreateClient(creator.Token).PostRawJsonAsync(Path, JsonSerializer.Serialize(new { version })))
        {
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        }

        await host.DeleteUserAsync(creator.Id);

        var stored = await host.FindFirmwareAsync(version);
        Assert.NotNull(stored);
        Assert.Null(stored.UserId);
        Assert.Equal(JsonValueKind.Null, (await GetFirmwareAsync(callers.Admin, stored.PublicId)).GetProperty("user_public_id").ValueKind);
        Assert.Equal(JsonValueKind.Null, (await FindListedAsync(callers.Admin, stored.PublicId)).GetProperty("user_public_id").ValueKind);
    }

    [Theory]
    [InlineData("nope")]
    [InlineData("upload")]
    [InlineData("00000000-0000-0000-0000-000000000000")]
    public async Task GetAndDelete_UnknownId_Return404WithTheId(string id)
    {
        var (_, callers) = await ArrangeAsync();

        using var get = await callers.Admin.GetAsync($"{Path}/{id}", Ct);
        using var delete = await callers.Admin.DeleteAsync($"{Path}/{id}", Ct);

        await get.AssertErrorAsync(HttpStatusCode.NotFound, $"FirmwareUpdate '{id}' not found.");
        await delete.AssertErrorAsync(HttpStatusCode.NotFound, $"FirmwareUpdate '{id}' not found.");
    }

    [Fact]
    public async Task Delete_Record_RemovesItButKeepsItsFile()
    {
        var (host, callers) = await ArrangeAsync();
        var file = System.IO.Path.Combine(host.DataDirectory, $"kept-{Guid.NewGuid():N}.tar.gz");
        await File.WriteAllBytesAsync(file, [1, 2, 3], Ct);
        var row = await host.InsertFirmwareAsync(filePath: file);

        using var response = await callers.Admin.DeleteAsync($"{Path}/{row.PublicId}", Ct);
        using var again = await callers.Admin.DeleteAsync($"{Path}/{row.PublicId}", Ct);

        await response.AssertSuccessAsync(HttpStatusCode.OK, "FirmwareUpdate successfully deleted.");
        await again.AssertErrorAsync(HttpStatusCode.NotFound, $"FirmwareUpdate '{row.PublicId}' not found.");
        Assert.Null(await host.FindFirmwareAsync(row.PublicId));
        Assert.True(File.Exists(file));
    }

    [Fact]
    public async Task Writes_MalformedBodies_AlwaysAnswer4xx()
    {
        var (host, callers) = await ArrangeAsync();
        var row = await host.InsertFirmwareAsync(status: UpdateStatus.Failed);

        await RouteChecks.AssertMalformedBodiesRefusedAsync(host, callers.Admin, HttpMethod.Post, Path,
            new("version", WriteFuzz.Kind.BoundedString, "\"3.0.0\""), new("changelog", WriteFuzz.Kind.NullableString, "null"));
        await RouteChecks.AssertMalformedBodiesRefusedAsync(host, callers.Admin, HttpMethod.Post, $"{Path}/{row.PublicId}/apply",
            new("download_url", WriteFuzz.Kind.NullableString, "null"), new("file_hash_sha256", WriteFuzz.Kind.NullableString, "null"));
    }

    private static async Task<JsonElement> FindListedAsync(HttpClient client, Guid publicId)
    {
        for (var page = 1; ; page++)
        {
            using var response = await client.GetAsync($"{Path}?page={page}&page_size=100", Ct);
            var data = (await response.ReadOkAsync()).GetProperty("data").EnumerateArray().ToList();
            if (data.FirstOrDefault(d => d.GetProperty("public_id").GetString() == publicId.ToString()) is { ValueKind: JsonValueKind.Object } found)
            {
                return found;
            }

            Assert.True(data.Count == 100, $"{publicId} is not listed.");
        }
    }
}
