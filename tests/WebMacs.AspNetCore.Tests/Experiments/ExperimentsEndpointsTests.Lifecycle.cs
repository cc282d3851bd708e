using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using WebMacs.AspNetCore.Tests.Support;
using WebMacs.AspNetCore.Tests.Events;
using WebMacs.Domain;
using static WebMacs.AspNetCore.Tests.Support.Http;

namespace WebMacs.AspNetCore.Tests.Experiments;

public abstract partial class ExperimentsEndpointsTests
{
    [Fact]
    public async Task Stop_Running_StampsStoppedOnLogsAndQueuesTheWebhook()
    {
        var (host, callers) = await ArrangeAsync();
        var webhook = await host.InsertExperimentWebhookAsync();
        var experiment = await host.InsertExperimentAsync(TestData.UniqueName("stop me"));
        var before = DateTime.UtcNow.AddSeconds(-1);

        using var response = await SendAsync(callers.OperatorClient, "PUT", $"{Path}/{experiment.PublicId}/stop", null);

        await AssertSuccessAsync(response, HttpStatusCode.OK, "Experiment successfully stopped.");
        using var get = await callers.ViewerClient.GetAsync($"{Path}/{experiment.PublicId}", Ct);
        var body = await get.ReadJsonAsync();
        Assert.True(body.GetProperty("stopped_on").GetDateTime() >= before);
        var entry = Assert.Single(await host.LogEntriesAsync($"Experiment '{experiment.Name}' stopped."));
        Assert.Equal(callers.Operator.Id, entry.UserId);
        Assert.Equal(LoggingType.Info, entry.LoggingType);
        var delivery = Assert.Single(await host.DeliveriesAsync(webhook));
        Assert.Equal("experiment.stopped", delivery.EventType);
        using var payload = JsonDocument.Parse(delivery.Payload);
        Assert.Equal(experiment.Name, payload.RootElement.GetProperty("experiment").GetString());
    }

    [Fact]
    public async Task Stop_AlreadyStopped_StampsAgainAndLogsAgain()
    {
        var (host, callers) = await ArrangeAsync();
        var experiment = await host.InsertExperimentAsync();

        using var first = await SendAsync(callers.Admin, "PUT", $"{Path}/{experiment.PublicId}/stop", null);
        var longAgo = new DateTime(2000, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        await host.WithDbAsync(db => db.Experiments.Where(e => e.Id == experiment.Id)
            .ExecuteUpdateAsync(s => s.SetProperty(e => e.StoppedOn, longAgo), Ct));
        using var second = await SendAsync(callers.Admin, "PUT", $"{Path}/{experiment.PublicId}/stop", null);

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        await AssertSuccessAsync(second, HttpStatusCode.OK, "Experiment successfully stopped.");
        Assert.True((await host.FindExperimentAsync(experiment.PublicId))!.StoppedOn > longAgo.AddYears(20));
        Assert.Equal(2, (await host.LogEntriesAsync($"Experiment '{experiment.Name}' stopped.")).Count);
    }

    [Fact]
    public async Task Stop_UnknownId_Returns404()
    {
        var (_, callers) = await ArrangeAsync();

        using var response = await SendAsync(callers.Admin, "PUT", $"{Path}/does-not-exist/stop", null);

        await response.AssertErrorAsync(HttpStatusCode.NotFound, "Experiment 'does-not-exist' not found.");
    }

    [Fact]
    public async Task Delete_Existing_RemovesTheExperimentAndOnlyItsDatapoints()
    {
        var (host, callers) = await ArrangeAsync();
        var sensor = await host.InsertEventAsync();
        var doomed = await host.InsertExperimentAsync();
        var kept = await host.InsertExperimentAsync();
        var now = DateTime.UtcNow;
        await host.InsertDatapointsAsync(sensor.Id, doomed.Id, (now, 1), (now, 2));
        await host.InsertDatapointsAsync(sensor.Id, kept.Id, (now, 3));
        await host.InsertDatapointsAsync(sensor.Id, null, (now, 4));

        using var response = await callers.OperatorClient.DeleteAsync($"{Path}/{doomed.PublicId}", Ct);
        using var again = await callers.OperatorClient.DeleteAsync($"{Path}/{doomed.PublicId}", Ct);

        await AssertSuccessAsync(response, HttpStatusCode.OK, "Experiment successfully deleted.");
        await again.AssertErrorAsync(HttpStatusCode.NotFound, $"Experiment '{doomed.PublicId}' not found.");
        Assert.Null(await host.FindExperimentAsync(doomed.PublicId));
        Assert.Equal(2, await host.CountDatapointsAsync(eventId: sensor.Id));
        Assert.Equal(1, await host.CountDatapointsAsync(experimentId: kept.Id));
    }

    [Fact]
    public async Task Routes_RoleMatrix_ViewerReadsOperatorWrites()
    {
        var (host, callers) = await ArrangeAsync();
        var experiment = await host.InsertExperimentAsync();
        var item = $"{Path}/{experiment.PublicId}";
        var reads = new[] { Path, item, $"{item}/export/csv" };
        var writes = new[] { ("POST", Path, "{}"), ("PUT", item, """{"name":1}"""), ("PUT", $"{item}/stop", (string?)null), ("DELETE", item, null) };

        foreach (var path in reads)
        {
            using var anonymous = await host.Client.GetAsync(path, Ct);
            await anonymous.AssertErrorAsync(HttpStatusCode.Unauthorized, "Authentication required.");
        }

        foreach (var (method, path, body) in writes)
        {
            using var anonymous = await SendAsync(host.Client, method, path, body);
            await anonymous.AssertErrorAsync(HttpStatusCode.Unauthorized, "Authentication required.");
        }

        foreach (var viewer in new[] { callers.ViewerClient, callers.ViewerToken })
        {
            foreach (var path in reads)
            {
                using var allowed = await viewer.GetAsync(path, Ct);
                Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
            }

            foreach (var (method, path, body) in writes)
            {
                using var denied = await SendAsync(viewer, method, path, body);
                await denied.AssertErrorAsync(HttpStatusCode.Forbidden, "Operator privileges required.");
            }
        }

        var name = TestData.UniqueName("token run");
        using var created = await callers.OperatorToken.PostRawJsonAsync(Path, NameBody(name));
        using var stopped = await SendAsync(callers.OperatorToken, "PUT", $"{item}/stop", null);
        using var deleted = await callers.OperatorToken.DeleteAsync(item, Ct);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal(HttpStatusCode.OK, stopped.StatusCode);
        Assert.Equal(HttpStatusCode.OK, deleted.StatusCode);
        Assert.Equal(callers.Operator.Id, (await host.FindExperimentByNameAsync(name))!.UserId);
    }

    [Fact]
    public async Task WriteRoutes_MalformedBodies_Return4xxAndTheHostStaysHealthy()
    {
        var (host, callers) = await ArrangeAsync();
        var existing = await host.InsertExperimentAsync();
        BodyFuzz.Field[] fields = [new("name", BodyFuzz.Kind.BoundedString, "\"fuzz\"")];
        var count = await host.CountAsync<Experiment>();

        await AssertMalformedBodiesRefusedAsync(host, callers.Admin, HttpMethod.Post, Path, fields);
        await AssertMalformedBodiesRefusedAsync(host, callers.Admin, HttpMethod.Put, $"{Path}/{existing.PublicId}", fields);

        Assert.Equal(count, await host.CountAsync<Experiment>());
        Assert.Equal(existing.Name, (await host.FindExperimentAsync(existing.PublicId))!.Name);
    }
}
