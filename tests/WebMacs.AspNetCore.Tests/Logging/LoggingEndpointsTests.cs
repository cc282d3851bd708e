using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using WebMacs.AspNetCore.Tests.Events;
using WebMacs.AspNetCore.Tests.Support;
using WebMacs.Domain;
using WebMacs.Testing.Hosting;
using static WebMacs.AspNetCore.Tests.Support.Http;

namespace WebMacs.AspNetCore.Tests.Logging;

/// <summary>Routes 36–39 (reference §4.3, §6.5, §10 item 8); run once per store by the subclasses.</summary>
public abstract partial class LoggingEndpointsTests(WebMacsHosts hosts, TestStore store) : RouteTestBase(hosts, store)
{
    private const string Path = "/api/v1/logging";

    private static Task<LogEntry?> FindAsync(WebMacsTestHost host, string content) =>
        host.WithDbAsync(db => db.LogEntries.AsNoTracking().OrderByDescending(l => l.Id).FirstOrDefaultAsync(l => l.Content == content, Ct));

    private static async Task<LogEntry> InsertAsync(WebMacsTestHost host, string content, DateTime createdOn, int? userId = null)
    {
        var owner = userId ?? await host.GetUserIdAsync(WebMacsTestHost.AdminEmail);
        return await host.WithDbAsync(async db =>
        {
            var entry = new LogEntry { Content = content, LoggingType = LoggingType.Warning, UserId = owner, CreatedOn = createdOn };
            db.LogEntries.Add(entry);
            await db.SaveChangesAsync(Ct);
            return entry;
        });
    }

    [Fact]
    public async Task List_AfterLogin_StartsWithTheLoginEntry()
    {
        var (host, callers) = await ArrangeAsync();
        await host.LoginAsync();

        using var response = await callers.ViewerClient.GetAsync(Path, Ct);

        var first = (await response.ReadJsonAsync()).GetProperty("data")[0];
        Assert.Equal(["content", "created_on", "logging_type", "public_id", "status_type", "user_public_id"], PropertyNames(first));
        Assert.Equal("User 'admin' logged in.", first.GetProperty("content").GetString());
        Assert.Equal("info", first.GetProperty("logging_type").GetString());
        Assert.Equal("unread", first.GetProperty("status_type").GetString());
        var admin = await host.GetUserIdAsync(WebMacsTestHost.AdminEmail);
        Assert.Equal((await host.GetUserPublicIdAsync(admin)).ToString(), first.GetProperty("user_public_id").GetString());
    }

    [Fact]
    public async Task List_Entries_AreOrderedNewestFirst()
    {
        var (host, callers) = await ArrangeAsync();
        var now = DateTime.UtcNow;
        var newer = await InsertAsync(host, TestData.UniqueName("newer"), now.AddDays(-1));
        var older = await InsertAsync(host, TestData.UniqueName("older"), now.AddDays(-2));

        var all = await ListAllAsync(callers.ViewerToken, Path);

        Assert.Equal(await host.CountAsync<LogEntry>(), all.Count);
        var ids = all.Select(e => e.GetProperty("public_id").GetString()).ToList();
        Assert.True(ids.IndexOf(newer.PublicId.ToString()) < ids.IndexOf(older.PublicId.ToString()));
        var times = all.Select(e => e.GetProperty("created_on").GetDateTime()).ToList();
        Assert.Equal(times.OrderDescending(), times);
    }

    [Fact]
    public async Task List_PageBounds_FollowTheContract()
    {
        var (host, callers) = await ArrangeAsync();

        await AssertPaginationAsync(callers.ViewerClient, Path, host.CountAsync<LogEntry>);
    }

    [Fact]
    public async Task Create_Operator_Returns201AndStoresAnUnreadInfoEntryOwnedByTheCaller()
    {
        var (host, callers) = await ArrangeAsync();
        var content = TestData.UniqueName("Pump restarted, \"manually\" ✓");

        using var response = await callers.OperatorClient.PostRawJsonAsync(Path, JsonSerializer.Serialize(new { content }));

        await AssertSuccessAsync(response, HttpStatusCode.Created, "Log entry successfully created.");
        var stored = await FindAsync(host, content);
        Assert.NotNull(stored);
        using var get = await callers.ViewerClient.GetAsync($"{Path}/{stored.PublicId}", Ct);
        var body = await get.ReadJsonAsync();
        Assert.Equal(HttpStatusCode.OK, get.StatusCode);
        Assert.Equal(content, body.GetProperty("content").GetString());
        Assert.Equal("info", body.GetProperty("logging_type").GetString());
        Assert.Equal("unread", body.GetProperty("status_type").GetString());
        Assert.EndsWith("Z", body.GetProperty("created_on").GetString(), StringComparison.Ordinal);
        Assert.Equal((await host.GetUserPublicIdAsync(callers.Operator.Id)).ToString(), body.GetProperty("user_public_id").GetString());
    }

    [Theory]
    [InlineData("error")]
    [InlineData("warning")]
    [InlineData("info")]
    public async Task Create_LoggingType_IsStored(string wire)
    {
        var (host, callers) = await ArrangeAsync();
        var content = TestData.UniqueName(wire);

        using var response = await callers.OperatorToken.PostRawJsonAsync(Path, JsonSerializer.Serialize(new { content, logging_type = wire }));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var stored = await FindAsync(host, content);
        Assert.Equal(WireEnum<LoggingType>.Parse(wire), stored!.LoggingType);
        Assert.Equal(callers.Operator.Id, stored.UserId);
    }

    [Theory]
    [InlineData("{}", "body/content", "missing")]
    [InlineData("""{"content":""}""", "body/content", "string_too_short")]
    [InlineData("""{"content":5}""", "body/content", "string_type")]
    [InlineData("""{"content":"x","logging_type":"debug"}""", "body/logging_type", "enum")]
    [InlineData("""{"content":"x","logging_type":null}""", "body/logging_type", "enum")]
    [InlineData("""{"content":"x","logging_type":"INFO"}""", "body/logging_type", "enum")]
    public async Task Create_InvalidBody_Returns422(string json, string loc, string type)
    {
        var (host, callers) = await ArrangeAsync();
        var before = await host.CountAsync<LogEntry>();

        using var response = await callers.Admin.PostRawJsonAsync(Path, json);

        var error = Assert.Single(await response.AssertValidationErrorAsync());
        Assert.Equal(loc, Loc(error));
        Assert.Equal(type, error.GetProperty("type").GetString());
        Assert.Equal(before, await host.CountAsync<LogEntry>());
    }

    [Fact]
    public async Task Create_ContentOf500Or501Characters_IsAcceptedOrRefused()
    {
        var (_, callers) = await ArrangeAsync();

        using var longest = await callers.Admin.PostRawJsonAsync(Path, JsonSerializer.Serialize(new { content = new string('c', 500) }));
        using var tooLong = await callers.Admin.PostRawJsonAsync(Path, JsonSerializer.Serialize(new { content = new string('c', 501) }));

        Assert.Equal(HttpStatusCode.Created, longest.StatusCode);
        Assert.Equal("string_too_long", Assert.Single(await tooLong.AssertValidationErrorAsync()).GetProperty("type").GetString());
    }

    [Fact]
    public async Task Get_UnknownId_Returns404()
    {
        var (_, callers) = await ArrangeAsync();

        using var response = await callers.ViewerClient.GetAsync($"{Path}/abc", Ct);

        await response.AssertErrorAsync(HttpStatusCode.NotFound, "LogEntry 'abc' not found.");
    }
}
