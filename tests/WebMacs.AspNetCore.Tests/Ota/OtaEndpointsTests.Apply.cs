using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using WebMacs.AspNetCore.Tests.Dashboards;
using WebMacs.Domain;
using static WebMacs.AspNetCore.Tests.Support.Http;

namespace WebMacs.AspNetCore.Tests.Ota;

// Routes 55–56 (reference §6.8 state machine and "Apply", §10 items 69–70), downloads served by the stub on 127.0.0.1.
public abstract partial class OtaEndpointsTests
{
    private const string Applied = "Firmware update applied successfully.";

    private static string Sha256(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));

    private Task<HttpResponseMessage> ApplyAsync(HttpClient client, Guid id, string? json) =>
        client.SendJsonAsync(HttpMethod.Post, $"{Path}/{id}/apply", json);

    [Theory]
    [InlineData(null)]
    [InlineData("{}")]
    [InlineData("null")]
    [InlineData("{\"download_url\":null,\"file_hash_sha256\":null}")]
    [InlineData("{\"download_url\":\"\"}")]
    public async Task Apply_PendingWithoutDownload_CompletesTheRecord(string? json)
    {
        var (host, callers) = await ArrangeAsync();
        var row = await host.InsertFirmwareAsync();

        using var response = await ApplyAsync(callers.Admin, row.PublicId, json);

        await response.AssertSuccessAsync(HttpStatusCode.OK, Applied);
        var body = await GetFirmwareAsync(callers.Admin, row.PublicId);
        Assert.Equal("completed", body.GetProperty("status").GetString());
        Assert.Equal(JsonValueKind.String, body.GetProperty("completed_on").ValueKind);
        Assert.Equal(JsonValueKind.String, body.GetProperty("started_on").ValueKind);
        Assert.False(body.GetProperty("has_firmware_file").GetBoolean());

        using var again = await ApplyAsync(callers.Admin, row.PublicId, null);
        await again.AssertErrorAsync(HttpStatusCode.Conflict, "Cannot transition from 'completed' to 'completed'");
    }

    [Fact]
    public async Task Apply_DownloadWithMatchingHash_StoresTheFileAndCompletes()
    {
        var (host, callers) = await ArrangeAsync();
        var row = await host.InsertFirmwareAsync();
        var bytes = RandomNumberGenerator.GetBytes(200_000);
        Hosts.Stub.Respond($"/fw/{row.Version}.tar.gz", 200, bytes, "application/gzip");
        Hosts.Stub.Redirect($"/moved/{row.Version}", $"/fw/{row.Version}.tar.gz");

        using var response = await ApplyAsync(callers.AdminToken, row.PublicId, JsonSerializer.Serialize(new
        {
            download_url = Hosts.Stub.Url($"/moved/{row.Version}").ToString(),
            file_hash_sha256 = Sha256(bytes).ToUpperInvariant(),
        }));

        await response.AssertSuccessAsync(HttpStatusCode.OK, Applied);
        var body = await GetFirmwareAsync(callers.Admin, row.PublicId);
        Assert.Equal("completed", body.GetProperty("status").GetString());
        Assert.True(body.GetProperty("has_firmware_file").GetBoolean());
        Assert.Equal(bytes.Length, body.GetProperty("file_size_bytes").GetInt64());
        Assert.Equal(Sha256(bytes), body.GetProperty("file_hash_sha256").GetString());
        var file = System.IO.Path.Combine(host.UpdateDirectory(), $"firmware-{row.Version}.tar.gz");
        Assert.Equal(bytes, await File.ReadAllBytesAsync(file, Ct));
        Assert.Equal(file, (await host.FindFirmwareAsync(row.PublicId))!.FilePath);
    }

    [Fact]
    public async Task Apply_DownloadWithoutHash_CompletesWithoutAHash()
    {
        var (host, callers) = await ArrangeAsync();
        var row = await host.InsertFirmwareAsync();
        Hosts.Stub.Respond($"/fw/{row.Version}.tar.gz", 200, Encoding.UTF8.GetBytes("bundle"), "application/gzip");

        using var response = await ApplyAsync(callers.Admin, row.PublicId, JsonSerializer.Serialize(new { download_url = Hosts.Stub.Url($"/fw/{row.Version}.tar.gz").ToString() }));

        await response.AssertSuccessAsync(HttpStatusCode.OK, Applied);
        var body = await GetFirmwareAsync(callers.Admin, row.PublicId);
        Assert.Equal(("completed", true, 6L), (body.GetProperty("status").GetString(), body.GetProperty("has_firmware_file").GetBoolean(), body.GetProperty("file_size_bytes").GetInt64()));
        Assert.Equal(JsonValueKind.Null, body.GetProperty("file_hash_sha256").ValueKind);
    }

    [Fact]
    public async Task Apply_DownloadAnswers404_Returns400AndLeavesTheRecordAsItWas()
    {
        var (host, callers) = await ArrangeAsync();
        var row = await host.InsertFirmwareAsync();

        using var response = await ApplyAsync(callers.Admin, row.PublicId, JsonSerializer.Serialize(new { download_url = Hosts.Stub.Url("/missing.tar.gz").ToString() }));

        await response.AssertErrorAsync(HttpStatusCode.BadRequest, "download_failed: status 404");
        await AssertUnchangedAsync(host, row);
    }

    [Theory]
    [InlineData("closed")]
    [InlineData("ftp://127.0.0.1/firmware.tar.gz")]
    [InlineData("file:///etc/passwd")]
    [InlineData("not a url")]
    public async Task Apply_DownloadImpossible_Returns400WithTheReason(string url)
    {
        var (host, callers) = await ArrangeAsync();
        var row = await host.InsertFirmwareAsync();
        var target = url == "closed" ? new Uri(StubServer.ClosedAddress(), "fw.tar.gz").ToString() : url;

        using var response = await ApplyAsync(callers.Admin, row.PublicId, JsonSerializer.Serialize(new { download_url = target }));

        var body = await response.ReadJsonAsync();
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.StartsWith("download_failed: ", body.GetProperty("detail").GetString(), StringComparison.Ordinal);
        await AssertUnchangedAsync(host, row);
    }

    [Fact]
    public async Task Apply_DownloadStalls_Returns400TimedOut()
    {
        var (host, callers) = await ArrangeAsync();
        var row = await host.InsertFirmwareAsync();
        Hosts.Stub.Stall("/slow.tar.gz");

        using var response = await ApplyAsync(callers.Admin, row.PublicId, JsonSerializer.Serialize(new { download_url = Hosts.Stub.Url("/slow.tar.gz").ToString() }));

        await response.AssertErrorAsync(HttpStatusCode.BadRequest, "download_failed: timed out");
        await AssertUnchangedAsync(host, row);
    }

    [Fact]
    public async Task Apply_DownloadWithWrongHash_Returns400AndRemovesTheFile()
    {
        var (host, callers) = await ArrangeAsync();
        var row = await host.InsertFirmwareAsync();
        Hosts.Stub.Respond($"/fw/{row.Version}.tar.gz", 200, [1, 2, 3], "application/gzip");

        using var response = await ApplyAsync(callers.Admin, row.PublicId, JsonSerializer.Serialize(new
        {
            download_url = Hosts.Stub.Url($"/fw/{row.Version}.tar.gz").ToString(),
            file_hash_sha256 = new string('0', 64),
        }));

        await response.AssertErrorAsync(HttpStatusCode.BadRequest, "SHA-256 hash verification failed");
        await AssertUnchangedAsync(host, row);
        Assert.False(File.Exists(System.IO.Path.Combine(host.UpdateDirectory(), $"firmware-{row.Version}.tar.gz")));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Apply_WithoutDownloadAndABadStoredFile_Returns200AndMarksTheRecordFailed(bool fileExists)
    {
        var (host, callers) = await ArrangeAsync();
        var file = System.IO.Path.Combine(host.DataDirectory, $"stored-{Guid.NewGuid():N}.tar.gz");
        if (fileExists)
        {
            await File.WriteAllBytesAsync(file, [9, 9, 9], Ct);
        }

        var row = await host.InsertFirmwareAsync(filePath: file, hash: Sha256([1, 2, 3]));

        using var response = await ApplyAsync(callers.Admin, row.PublicId, null);

        await response.AssertSuccessAsync(HttpStatusCode.OK, Applied);
        var body = await GetFirmwareAsync(callers.Admin, row.PublicId);
        Assert.Equal("failed", body.GetProperty("status").GetString());
        Assert.Equal("SHA-256 hash verification failed", body.GetProperty("error_message").GetString());
        Assert.Equal(JsonValueKind.Null, body.GetProperty("completed_on").ValueKind);
    }

    [Fact]
    public async Task Apply_WithoutDownloadAndAMatchingStoredFile_Completes()
    {
        var (host, callers) = await ArrangeAsync();
        var file = System.IO.Path.Combine(host.DataDirectory, $"stored-{Guid.NewGuid():N}.tar.gz");
        await File.WriteAllBytesAsync(file, [1, 2, 3], Ct);
        var row = await host.InsertFirmwareAsync(filePath: file, hash: Sha256([1, 2, 3]));

        using var response = await ApplyAsync(callers.Admin, row.PublicId, "{}");

        await response.AssertSuccessAsync(HttpStatusCode.OK, Applied);
        Assert.Equal(UpdateStatus.Completed, (await host.FindFirmwareAsync(row.PublicId))!.Status);
    }

    [Theory]
    [InlineData("failed", null, "Cannot transition from 'failed' to 'completed'")]
    [InlineData("rolled_back", null, "Cannot transition from 'rolled_back' to 'completed'")]
    [InlineData("completed", "http://127.0.0.1:1/x.tar.gz", "Cannot transition from 'completed' to 'downloading'")]
    [InlineData("downloading", null, "Cannot transition from 'downloading' to 'completed'")]
    public async Task Apply_ForbiddenTransition_Returns409AndChangesNothing(string wireStatus, string? url, string detail)
    {
        var status = WireEnum<UpdateStatus>.Parse(wireStatus);
        var (host, callers) = await ArrangeAsync();
        var row = await host.InsertFirmwareAsync(status: status);

        using var response = await ApplyAsync(callers.Admin, row.PublicId, url is null ? null : JsonSerializer.Serialize(new { download_url = url }));

        await response.AssertErrorAsync(HttpStatusCode.Conflict, detail);
        Assert.Equal(status, (await host.FindFirmwareAsync(row.PublicId))!.Status);
    }

    [Theory]
    [InlineData("{\"file_hash_sha256\":\"abc\"}", "body/file_hash_sha256")]
    [InlineData("{\"file_hash_sha256\":\"0000000000000000000000000000000000000000000000000000000000000000a\"}", "body/file_hash_sha256")]
    [InlineData("{\"download_url\":5}", "body/download_url")]
    [InlineData("[]", "body")]
    public async Task Apply_InvalidBody_Returns422(string json, string location)
    {
        var (host, callers) = await ArrangeAsync();
        var row = await host.InsertFirmwareAsync();

        using var response = await ApplyAsync(callers.Admin, row.PublicId, json);

        Assert.Equal([location], await response.ValidationLocationsAsync());
        Assert.Equal(UpdateStatus.Pending, (await host.FindFirmwareAsync(row.PublicId))!.Status);
    }

    [Fact]
    public async Task Apply_DownloadUrlOf2049Characters_Returns422()
    {
        var (host, callers) = await ArrangeAsync();
        var row = await host.InsertFirmwareAsync();

        using var response = await ApplyAsync(callers.Admin, row.PublicId, JsonSerializer.Serialize(new { download_url = "http://x/" + new string('a', 2040) }));

        Assert.Equal(["body/download_url"], await response.ValidationLocationsAsync());
    }

    [Fact]
    public async Task Apply_UnknownId_Returns404()
    {
        var (_, callers) = await ArrangeAsync();

        using var response = await ApplyAsync(callers.Admin, Guid.Empty, null);

        await response.AssertErrorAsync(HttpStatusCode.NotFound, $"FirmwareUpdate '{Guid.Empty}' not found.");
    }

    [Fact]
    public async Task Rollback_FollowsTheStateMachine()
    {
        var (host, callers) = await ArrangeAsync();
        var row = await host.InsertFirmwareAsync();

        using var pending = await callers.Admin.PostAsync($"{Path}/{row.PublicId}/rollback", null, Ct);
        await pending.AssertErrorAsync(HttpStatusCode.Conflict, "Cannot transition from 'pending' to 'rolled_back'");
        using (var apply = await ApplyAsync(callers.Admin, row.PublicId, null))
        {
            Assert.Equal(HttpStatusCode.OK, apply.StatusCode);
        }

        using var completed = await callers.Admin.PostAsync($"{Path}/{row.PublicId}/rollback", null, Ct);
        await completed.AssertSuccessAsync(HttpStatusCode.OK, "Firmware update rolled back successfully.");
        Assert.Equal("rolled_back", (await GetFirmwareAsync(callers.Admin, row.PublicId)).GetProperty("status").GetString());
        using var again = await callers.AdminToken.PostAsync($"{Path}/{row.PublicId}/rollback", null, Ct);
        await again.AssertErrorAsync(HttpStatusCode.Conflict, "Cannot transition from 'rolled_back' to 'rolled_back'");
        using var unknown = await callers.Admin.PostAsync($"{Path}/nope/rollback", null, Ct);
        await unknown.AssertErrorAsync(HttpStatusCode.NotFound, "FirmwareUpdate 'nope' not found.");
    }

    private static async Task AssertUnchangedAsync(Testing.Hosting.WebMacsTestHost host, FirmwareUpdate before)
    {
        var after = await host.FindFirmwareAsync(before.PublicId);
        Assert.NotNull(after);
        Assert.Equal(UpdateStatus.Pending, after.Status);
        Assert.Null(after.StartedOn);
        Assert.Null(after.ErrorMessage);
        Assert.Null(after.FilePath);
        Assert.Null(after.FileHashSha256);
    }
}
