using System.Net;
using System.Text.Json;
using WebMacs.AspNetCore.Tests.Events;
using WebMacs.Domain;
using static WebMacs.AspNetCore.Tests.Support.Http;

namespace WebMacs.AspNetCore.Tests.Logging;

public abstract partial class LoggingEndpointsTests
{
    [Fact]
    public async Task Update_StatusAndContent_AppliesThem()
    {
        var (host, callers) = await ArrangeAsync();
        var entry = await InsertAsync(host, TestData.UniqueName("to read"), DateTime.UtcNow);
        var content = TestData.UniqueName("edited");

        using var status = await PutAsync(callers.OperatorClient, $"{Path}/{entry.PublicId}", """{"status_type":"read"}""");
        using var text = await PutAsync(callers.OperatorClient, $"{Path}/{entry.PublicId}", JsonSerializer.Serialize(new { content }));
        using var empty = await PutAsync(callers.OperatorClient, $"{Path}/{entry.PublicId}", "{}");

        await AssertSuccessAsync(status, HttpStatusCode.OK, "LogEntry successfully updated.");
        await AssertSuccessAsync(text, HttpStatusCode.OK, "LogEntry successfully updated.");
        await AssertSuccessAsync(empty, HttpStatusCode.OK, "LogEntry successfully updated.");
        var stored = await FindAsync(host, content);
        Assert.Equal(entry.Id, stored!.Id);
        Assert.Equal(StatusType.Read, stored.StatusType);
        Assert.Equal(LoggingType.Warning, stored.LoggingType);
        Assert.Equal(entry.UserId, stored.UserId);
    }

    [Fact]
    public async Task Update_ContentOver500Characters_Returns422AndChangesNothing()
    {
        var (host, callers) = await ArrangeAsync();
        var entry = await InsertAsync(host, TestData.UniqueName("kept"), DateTime.UtcNow);

        using var tooLong = await PutAsync(callers.Admin, $"{Path}/{entry.PublicId}", JsonSerializer.Serialize(new { content = new string('c', 501), status_type = "read" }));
        using var longest = await PutAsync(callers.Admin, $"{Path}/{entry.PublicId}", JsonSerializer.Serialize(new { content = new string('c', 500) }));

        var error = Assert.Single(await tooLong.AssertValidationErrorAsync());
        Assert.Equal("body/content", Loc(error));
        Assert.Equal("string_too_long", error.GetProperty("type").GetString());
        Assert.Equal(HttpStatusCode.OK, longest.StatusCode);
        Assert.Equal(StatusType.Unread, (await FindAsync(host, new string('c', 500)))!.StatusType);
    }

    [Theory]
    [InlineData("""{"status_type":null}""")]
    [InlineData("""{"content":null}""")]
    [InlineData("""{"content":"x","status_type":null}""")]
    public async Task Update_ExplicitNull_Returns409AndChangesNothing(string json)
    {
        var (host, callers) = await ArrangeAsync();
        var content = TestData.UniqueName("nulled");
        var entry = await InsertAsync(host, content, DateTime.UtcNow);

        using var response = await PutAsync(callers.Admin, $"{Path}/{entry.PublicId}", json);

        await response.AssertErrorAsync(HttpStatusCode.Conflict, "LogEntry already exists.");
        Assert.Equal(entry.Id, (await FindAsync(host, content))!.Id);
    }

    [Fact]
    public async Task Update_UnknownIdOrInvalidStatus_Returns404Or422()
    {
        var (_, callers) = await ArrangeAsync();

        using var unknown = await PutAsync(callers.Admin, $"{Path}/nope", """{"status_type":"read"}""");
        using var invalid = await PutAsync(callers.Admin, $"{Path}/nope", """{"status_type":"seen"}""");

        await unknown.AssertErrorAsync(HttpStatusCode.NotFound, "LogEntry 'nope' not found.");
        Assert.Equal("body/status_type", Loc(Assert.Single(await invalid.AssertValidationErrorAsync())));
    }

    [Fact]
    public async Task Routes_RoleMatrix_ViewerReadsOperatorWrites()
    {
        var (host, callers) = await ArrangeAsync();
        var entry = await InsertAsync(host, TestData.UniqueName("matrix"), DateTime.UtcNow);
        var item = $"{Path}/{entry.PublicId}";

        foreach (var (method, path, body) in new[] { ("GET", Path, (string?)null), ("GET", item, null), ("POST", Path, "{}"), ("PUT", item, """{"status_type":1}""") })
        {
            using var anonymous = await SendAsync(host.Client, method, path, body);
            await anonymous.AssertErrorAsync(HttpStatusCode.Unauthorized, "Authentication required.");
        }

        foreach (var viewer in new[] { callers.ViewerClient, callers.ViewerToken })
        {
            using var list = await viewer.GetAsync(Path, Ct);
            using var get = await viewer.GetAsync(item, Ct);
            using var create = await viewer.PostRawJsonAsync(Path, """{"content":"viewer"}""");
            using var update = await PutAsync(viewer, item, """{"status_type":"read"}""");
            Assert.Equal(HttpStatusCode.OK, list.StatusCode);
            Assert.Equal(HttpStatusCode.OK, get.StatusCode);
            await create.AssertErrorAsync(HttpStatusCode.Forbidden, "Operator privileges required.");
            await update.AssertErrorAsync(HttpStatusCode.Forbidden, "Operator privileges required.");
        }

        using var byOperatorToken = await PutAsync(callers.OperatorToken, item, """{"status_type":"read"}""");
        Assert.Equal(HttpStatusCode.OK, byOperatorToken.StatusCode);
        Assert.Null(await FindAsync(host, "viewer"));
    }

    [Fact]
    public async Task WriteRoutes_MalformedBodies_Return4xxAndTheHostStaysHealthy()
    {
        var (host, callers) = await ArrangeAsync();
        var content = TestData.UniqueName("fuzzed");
        var entry = await InsertAsync(host, content, DateTime.UtcNow);
        var count = await host.CountAsync<LogEntry>();

        await AssertMalformedBodiesRefusedAsync(host, callers.Admin, HttpMethod.Post, Path,
            [new("content", BodyFuzz.Kind.BoundedString, "\"fuzz\""), new("logging_type", BodyFuzz.Kind.Enum, "\"info\"")]);
        await AssertMalformedBodiesRefusedAsync(host, callers.Admin, HttpMethod.Put, $"{Path}/{entry.PublicId}",
            [new("status_type", BodyFuzz.Kind.Enum, "\"read\""), new("content", BodyFuzz.Kind.BoundedString, "\"fuzz\"")]);

        Assert.Equal(count, await host.CountAsync<LogEntry>());
        var stored = await FindAsync(host, content);
        Assert.Equal(StatusType.Unread, stored!.StatusType);
    }
}
