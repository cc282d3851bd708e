using System.Net;
using System.Text.Json;
using WebMacs.AspNetCore.Tests.Events;
using WebMacs.AspNetCore.Tests.Support;
using WebMacs.Domain;
using static WebMacs.AspNetCore.Tests.Support.Http;

namespace WebMacs.AspNetCore.Tests.Experiments;

/// <summary>Routes 22–26 and 28 (reference §4.3, §6.5, §10 items 47–50 and 53); run once per store by the subclasses.</summary>
public abstract partial class ExperimentsEndpointsTests(WebMacsHosts hosts, TestStore store) : RouteTestBase(hosts, store)
{
    private const string Path = "/api/v1/experiments";

    private static string NameBody(string name) => JsonSerializer.Serialize(new { name });

    [Fact]
    public async Task Create_Operator_StartsTheExperimentLogsItAndQueuesTheWebhook()
    {
        var (host, callers) = await ArrangeAsync();
        var webhook = await host.InsertExperimentWebhookAsync();
        var name = TestData.UniqueName("Run \"α\"");
        var before = DateTime.UtcNow.AddSeconds(-1);

        using var response = await callers.OperatorClient.PostRawJsonAsync(Path, NameBody(name));

        await AssertSuccessAsync(response, HttpStatusCode.Created, "Experiment successfully created.");
        var stored = await host.FindExperimentByNameAsync(name);
        Assert.NotNull(stored);
        using var get = await callers.ViewerClient.GetAsync($"{Path}/{stored.PublicId}", Ct);
        var body = await get.ReadJsonAsync();
        Assert.Equal(["name", "public_id", "started_on", "stopped_on", "user_public_id"], PropertyNames(body));
        Assert.Equal(name, body.GetProperty("name").GetString());
        Assert.True(body.GetProperty("started_on").GetDateTime() >= before);
        Assert.EndsWith("Z", body.GetProperty("started_on").GetString(), StringComparison.Ordinal);
        Assert.Equal(JsonValueKind.Null, body.GetProperty("stopped_on").ValueKind);
        Assert.Equal((await host.GetUserPublicIdAsync(callers.Operator.Id)).ToString(), body.GetProperty("user_public_id").GetString());

        var entry = Assert.Single(await host.LogEntriesAsync($"Experiment '{name}' started."));
        Assert.Equal(LoggingType.Info, entry.LoggingType);
        Assert.Equal(StatusType.Unread, entry.StatusType);
        Assert.Equal(callers.Operator.Id, entry.UserId);

        var delivery = Assert.Single(await host.DeliveriesAsync(webhook));
        Assert.Equal("experiment.started", delivery.EventType);
        Assert.Equal(WebhookDeliveryStatus.Pending, delivery.Status);
        using var payload = JsonDocument.Parse(delivery.Payload);
        Assert.Equal("experiment.started", payload.RootElement.GetProperty("type").GetString());
        Assert.Equal(name, payload.RootElement.GetProperty("experiment").GetString());
        Assert.EndsWith("+00:00", payload.RootElement.GetProperty("time").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Create_DuplicateName_Returns409WithoutLogEntryOrWebhook()
    {
        var (host, callers) = await ArrangeAsync();
        var existing = await host.InsertExperimentAsync();
        var webhook = await host.InsertExperimentWebhookAsync();
        var before = await host.CountAsync<Experiment>();

        using var response = await callers.OperatorClient.PostRawJsonAsync(Path, NameBody(existing.Name));

        await response.AssertErrorAsync(HttpStatusCode.Conflict, "Experiment already exists.");
        Assert.Equal(before, await host.CountAsync<Experiment>());
        Assert.Empty(await host.LogEntriesAsync($"Experiment '{existing.Name}' started."));
        Assert.Empty(await host.DeliveriesAsync(webhook));
    }

    [Theory]
    [InlineData("{}", "missing")]
    [InlineData("""{"name":""}""", "string_too_short")]
    [InlineData("""{"name":123}""", "string_type")]
    [InlineData("""{"name":null}""", "string_type")]
    [InlineData("""{"name":"a\u0000b"}""", "string_pattern_mismatch")]
    public async Task Create_InvalidName_Returns422(string body, string type)
    {
        var (host, callers) = await ArrangeAsync();
        var before = await host.CountAsync<Experiment>();

        using var response = await callers.Admin.PostRawJsonAsync(Path, body);

        var error = Assert.Single(await response.AssertValidationErrorAsync());
        Assert.Equal("body/name", Loc(error));
        Assert.Equal(type, error.GetProperty("type").GetString());
        Assert.Equal(before, await host.CountAsync<Experiment>());
    }

    [Fact]
    public async Task Create_NameOf255Or256Characters_IsAcceptedOrRefused()
    {
        var (_, callers) = await ArrangeAsync();

        using var longest = await callers.Admin.PostRawJsonAsync(Path, NameBody(new string('e', 255)));
        using var tooLong = await callers.Admin.PostRawJsonAsync(Path, NameBody(new string('e', 256)));

        Assert.Equal(HttpStatusCode.Created, longest.StatusCode);
        Assert.Equal("string_too_long", Assert.Single(await tooLong.AssertValidationErrorAsync()).GetProperty("type").GetString());
    }

    [Fact]
    public async Task Get_UnknownId_Returns404()
    {
        var (_, callers) = await ArrangeAsync();

        using var response = await callers.ViewerClient.GetAsync($"{Path}/unknown", Ct);

        await response.AssertErrorAsync(HttpStatusCode.NotFound, "Experiment 'unknown' not found.");
    }

    [Fact]
    public async Task List_PageBounds_FollowTheContract()
    {
        var (host, callers) = await ArrangeAsync();
        await host.InsertExperimentAsync();

        await AssertPaginationAsync(callers.ViewerToken, Path, host.CountAsync<Experiment>);
        var all = await ListAllAsync(callers.ViewerClient, Path);
        Assert.Equal(await host.CountAsync<Experiment>(), all.Count);
    }

    [Fact]
    public async Task Update_Name_RenamesOnly()
    {
        var (host, callers) = await ArrangeAsync();
        var existing = await host.InsertExperimentAsync();
        var name = TestData.UniqueName("renamed");

        using var response = await PutAsync(callers.OperatorClient, $"{Path}/{existing.PublicId}", NameBody(name));
        using var empty = await PutAsync(callers.OperatorClient, $"{Path}/{existing.PublicId}", "{}");

        await AssertSuccessAsync(response, HttpStatusCode.OK, "Experiment successfully updated.");
        await AssertSuccessAsync(empty, HttpStatusCode.OK, "Experiment successfully updated.");
        var stored = await host.FindExperimentAsync(existing.PublicId);
        Assert.Equal(name, stored!.Name);
        Assert.Equal(existing.UserId, stored.UserId);
        Assert.Null(stored.StoppedOn);
    }

    [Fact]
    public async Task Update_EmptyName_IsAccepted()
    {
        var (host, callers) = await ArrangeAsync();
        var existing = await host.InsertExperimentAsync();

        using var response = await PutAsync(callers.Admin, $"{Path}/{existing.PublicId}", """{"name":""}""");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(string.Empty, (await host.FindExperimentAsync(existing.PublicId))!.Name);
    }

    [Fact]
    public async Task Update_TakenNameOrExplicitNull_Returns409AndChangesNothing()
    {
        var (host, callers) = await ArrangeAsync();
        var first = await host.InsertExperimentAsync();
        var second = await host.InsertExperimentAsync();

        using var taken = await PutAsync(callers.Admin, $"{Path}/{second.PublicId}", NameBody(first.Name));
        using var nulled = await PutAsync(callers.Admin, $"{Path}/{second.PublicId}", """{"name":null}""");

        await taken.AssertErrorAsync(HttpStatusCode.Conflict, "Experiment already exists.");
        await nulled.AssertErrorAsync(HttpStatusCode.Conflict, "Experiment already exists.");
        Assert.Equal(second.Name, (await host.FindExperimentAsync(second.PublicId))!.Name);
    }

    [Fact]
    public async Task Update_UnknownIdOrInvalidName_Returns404Or422()
    {
        var (_, callers) = await ArrangeAsync();

        using var unknown = await PutAsync(callers.Admin, $"{Path}/unknown", NameBody("x"));
        using var tooLong = await PutAsync(callers.Admin, $"{Path}/unknown", NameBody(new string('x', 256)));

        await unknown.AssertErrorAsync(HttpStatusCode.NotFound, "Experiment 'unknown' not found.");
        Assert.Equal("body/name", Loc(Assert.Single(await tooLong.AssertValidationErrorAsync())));
    }
}
