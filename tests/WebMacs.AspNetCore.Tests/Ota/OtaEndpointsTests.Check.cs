using System.Net;
using System.Text.Json;
using WebMacs.AspNetCore.Tests.Dashboards;
using WebMacs.Domain;
using static WebMacs.AspNetCore.Tests.Support.Http;

namespace WebMacs.AspNetCore.Tests.Ota;

// Route 53 (reference §6.8 "Update check", §10 items 20 and 68) against a stub GitHub on 127.0.0.1.
public abstract partial class OtaEndpointsTests
{
    private static readonly string[] CheckKeys =
    [
        "current_version", "github_download_url", "github_error", "github_latest_version", "github_release_url", "latest_version", "update_available",
    ];

    private static string Release(string tag, params string[] assetNames) => JsonSerializer.Serialize(new
    {
        tag_name = tag,
        html_url = $"https://github.com/{OtaHosts.Repo}/releases/tag/{tag}",
        assets = assetNames.Select(n => new { name = n, browser_download_url = $"https://downloads.example/{n}" }),
    });

    private async Task<JsonElement> CheckAsync(HttpClient client)
    {
        using var response = await client.GetAsync($"{Path}/check", Ct);
        var body = await response.ReadOkAsync();
        Assert.Equal(CheckKeys, PropertyNames(body));
        Assert.Equal("2.0.0", body.GetProperty("current_version").GetString());
        return body;
    }

    private static string? Text(JsonElement body, string key) => body.GetProperty(key).ValueKind == JsonValueKind.Null ? null : body.GetProperty(key).GetString();

    [Fact]
    public async Task Check_PendingNewerRecordAndNoGitHubRelease_ReportsTheRecord()
    {
        var (host, callers) = await ArrangeAsync();
        await host.ClearFirmwareAsync();
        Hosts.Stub.Respond(OtaHosts.ReleasePath, 404, "{\"message\":\"Not Found\"}");
        using (var created = await callers.Admin.PostRawJsonAsync(Path, "{\"version\":\"2.1.0\"}"))
        {
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        }

        var body = await CheckAsync(callers.ViewerClient);

        Assert.True(body.GetProperty("update_available").GetBoolean());
        Assert.Equal("2.1.0", Text(body, "latest_version"));
        foreach (var key in new[] { "github_latest_version", "github_download_url", "github_release_url", "github_error" })
        {
            Assert.Null(Text(body, key));
        }

        Assert.Contains(Hosts.Stub.Requests, r => r.Path == OtaHosts.ReleasePath && r.Accept == "application/vnd.github+json");
    }

    [Fact]
    public async Task Check_OnlyPendingOrCompletedStrictlyNewerRecordsCount()
    {
        var (host, callers) = await ArrangeAsync();
        await host.ClearFirmwareAsync();
        Hosts.Stub.Respond(OtaHosts.ReleasePath, 404, "{}");
        await host.InsertFirmwareAsync("2.0.0");
        await host.InsertFirmwareAsync("1.9.9");
        await host.InsertFirmwareAsync("9.0.0", UpdateStatus.Failed);
        await host.InsertFirmwareAsync("8.0.0", UpdateStatus.RolledBack);
        await host.InsertFirmwareAsync("7.0.0", UpdateStatus.Downloading);
        await host.InsertFirmwareAsync("3.0");
        await host.InsertFirmwareAsync("abc");

        var none = await CheckAsync(callers.ViewerToken);
        await host.InsertFirmwareAsync("2.10.0", UpdateStatus.Completed);
        await host.InsertFirmwareAsync("2.9.1");
        var some = await CheckAsync(callers.ViewerToken);

        Assert.False(none.GetProperty("update_available").GetBoolean());
        Assert.Null(Text(none, "latest_version"));
        Assert.True(some.GetProperty("update_available").GetBoolean());
        Assert.Equal("2.10.0", Text(some, "latest_version"));
    }

    [Fact]
    public async Task Check_NewerGitHubRelease_ReportsItsVersionAndBundleAsset()
    {
        var (host, callers) = await ArrangeAsync();
        await host.ClearFirmwareAsync();
        Hosts.Stub.Respond(OtaHosts.ReleasePath, 200, Release("vv3.4.5", "notes.txt", "webmacs-update.zip", "webmacs-update-3.4.5.tar.gz", "webmacs-update-b.tar.gz"));

        var body = await CheckAsync(callers.OperatorClient);

        Assert.True(body.GetProperty("update_available").GetBoolean());
        Assert.Equal("3.4.5", Text(body, "latest_version"));
        Assert.Equal("3.4.5", Text(body, "github_latest_version"));
        Assert.Equal("https://downloads.example/webmacs-update-3.4.5.tar.gz", Text(body, "github_download_url"));
        Assert.Equal($"https://github.com/{OtaHosts.Repo}/releases/tag/vv3.4.5", Text(body, "github_release_url"));
        Assert.Null(Text(body, "github_error"));
    }

    [Fact]
    public async Task Check_OlderGitHubRelease_IsReportedButNoUpdate()
    {
        var (host, callers) = await ArrangeAsync();
        await host.ClearFirmwareAsync();
        Hosts.Stub.Respond(OtaHosts.ReleasePath, 200, Release("v1.0.0"));

        var body = await CheckAsync(callers.ViewerClient);

        Assert.False(body.GetProperty("update_available").GetBoolean());
        Assert.Null(Text(body, "latest_version"));
        Assert.Equal("1.0.0", Text(body, "github_latest_version"));
        Assert.Null(Text(body, "github_download_url"));
    }

    [Theory]
    [InlineData("2.4.0", "2.5.0")]
    [InlineData("10.0.0", "10.0.0")]
    [InlineData("not-a-version", "2.5.0")]
    public async Task Check_RecordAndRelease_LatestIsTheHigherOfBoth(string gitHub, string latest)
    {
        var (host, callers) = await ArrangeAsync();
        await host.ClearFirmwareAsync();
        await host.InsertFirmwareAsync("2.5.0");
        Hosts.Stub.Respond(OtaHosts.ReleasePath, 200, Release(gitHub));

        var body = await CheckAsync(callers.ViewerClient);

        Assert.True(body.GetProperty("update_available").GetBoolean());
        Assert.Equal(latest, Text(body, "latest_version"));
        Assert.Equal(gitHub, Text(body, "github_latest_version"));
    }

    [Theory]
    [InlineData(500, "GitHub API returned 500")]
    [InlineData(403, "GitHub API returned 403")]
    public async Task Check_GitHubErrorStatus_IsReportedAsText(int status, string error)
    {
        var (host, callers) = await ArrangeAsync();
        await host.ClearFirmwareAsync();
        Hosts.Stub.Respond(OtaHosts.ReleasePath, status, "{\"message\":\"boom\"}");

        var body = await CheckAsync(callers.ViewerClient);

        Assert.Equal(error, Text(body, "github_error"));
        Assert.False(body.GetProperty("update_available").GetBoolean());
        Assert.Null(Text(body, "github_latest_version"));
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("[1,2]")]
    [InlineData("{\"tag_name\":null,\"html_url\":5,\"assets\":\"x\"}")]
    public async Task Check_UnreadableRelease_NeverFails(string json)
    {
        var (host, callers) = await ArrangeAsync();
        await host.ClearFirmwareAsync();
        Hosts.Stub.Respond(OtaHosts.ReleasePath, 200, json);

        var body = await CheckAsync(callers.ViewerClient);

        Assert.False(body.GetProperty("update_available").GetBoolean());
        Assert.Null(Text(body, "github_latest_version"));
        Assert.Null(Text(body, "github_release_url"));
    }

    [Fact]
    public async Task Check_GitHubTooSlow_ReportsConnectionTimedOut()
    {
        var (host, callers) = await ArrangeAsync();
        await host.ClearFirmwareAsync();
        Hosts.Stub.Stall(OtaHosts.ReleasePath);

        var body = await CheckAsync(callers.ViewerClient);

        Assert.Equal("Connection timed out", Text(body, "github_error"));
        Assert.False(body.GetProperty("update_available").GetBoolean());
    }

    [Fact]
    public async Task Check_GitHubUnreachableAndNoNewerRecord_ReportsTheErrorAndNoUpdate()
    {
        await using var host = await Hosts.StartAsync(store, StubServer.ClosedAddress());
        var client = host.CreateClient(await host.LoginAsync());

        var body = await CheckAsync(client);

        Assert.False(body.GetProperty("update_available").GetBoolean());
        Assert.Null(Text(body, "latest_version"));
        Assert.False(string.IsNullOrWhiteSpace(Text(body, "github_error")));
    }

    [Fact]
    public async Task Check_EmptyGitHubRepoVariable_SkipsGitHub()
    {
        await using var host = await Hosts.StartAsync(store, Hosts.Stub.BaseAddress, new Dictionary<string, string?>
        {
            ["WebMacs:Ota:GitHubRepo"] = null,
            ["GITHUB_REPO"] = string.Empty,
        });
        var client = host.CreateClient(await host.LoginAsync());

        var body = await CheckAsync(client);

        Assert.Equal("github_repo not configured", Text(body, "github_error"));
    }
}
