using System.Net;
using System.Text.Json;
using WebMacs.AspNetCore.Tests.Support;
using WebMacs.Domain;
using static WebMacs.AspNetCore.Tests.Support.Http;

namespace WebMacs.AspNetCore.Tests.Events;

public abstract partial class EventsEndpointsTests
{
    [Fact]
    public async Task Update_SomeFields_AppliesOnlyThose()
    {
        var (host, callers) = await ArrangeAsync();
        var existing = await host.InsertEventAsync();
        var newName = TestData.UniqueName("renamed");

        using var response = await PutAsync(callers.OperatorClient, $"{Path}/{existing.PublicId}",
            JsonSerializer.Serialize(new { name = newName, max_value = "250", type = "actuator" }));

        await AssertSuccessAsync(response, HttpStatusCode.OK, "Event successfully updated.");
        var stored = await host.FindEventAsync(existing.PublicId);
        Assert.Equal(newName, stored!.Name);
        Assert.Equal(250.0, stored.MaxValue);
        Assert.Equal(EventType.Actuator, stored.Type);
        Assert.Equal(existing.MinValue, stored.MinValue);
        Assert.Equal(existing.Unit, stored.Unit);
        Assert.Equal(existing.UserId, stored.UserId);
    }

    [Fact]
    public async Task Update_EmptyNameAndEmptyBody_AreAccepted()
    {
        var (host, callers) = await ArrangeAsync();
        var existing = await host.InsertEventAsync();

        using var empty = await PutAsync(callers.Admin, $"{Path}/{existing.PublicId}", "{}");
        using var emptyName = await PutAsync(callers.Admin, $"{Path}/{existing.PublicId}", """{"name":""}""");

        await AssertSuccessAsync(empty, HttpStatusCode.OK, "Event successfully updated.");
        await AssertSuccessAsync(emptyName, HttpStatusCode.OK, "Event successfully updated.");
        Assert.Equal(string.Empty, (await host.FindEventAsync(existing.PublicId))!.Name);
    }

    [Fact]
    public async Task Update_NameOfAnotherEvent_Returns409AndChangesNothing()
    {
        var (host, callers) = await ArrangeAsync();
        var first = await host.InsertEventAsync();
        var second = await host.InsertEventAsync();

        using var response = await PutAsync(callers.Admin, $"{Path}/{second.PublicId}", JsonSerializer.Serialize(new { name = first.Name, unit = "changed" }));

        await response.AssertErrorAsync(HttpStatusCode.Conflict, "Event already exists.");
        var stored = await host.FindEventAsync(second.PublicId);
        Assert.Equal(second.Name, stored!.Name);
        Assert.Equal(second.Unit, stored.Unit);
    }

    [Theory]
    [InlineData("name")]
    [InlineData("min_value")]
    [InlineData("max_value")]
    [InlineData("unit")]
    [InlineData("type")]
    public async Task Update_ExplicitNull_Returns409AndChangesNothing(string field)
    {
        var (host, callers) = await ArrangeAsync();
        var existing = await host.InsertEventAsync();

        using var response = await PutAsync(callers.Admin, $"{Path}/{existing.PublicId}", $$"""{"unit":"kPa","{{field}}":null}""");

        await response.AssertErrorAsync(HttpStatusCode.Conflict, "Event already exists.");
        Assert.Equal(existing.Unit, (await host.FindEventAsync(existing.PublicId))!.Unit);
    }

    [Fact]
    public async Task Update_InvalidValues_Returns422BeforeLookingUpTheEvent()
    {
        var (_, callers) = await ArrangeAsync();

        using var tooLong = await PutAsync(callers.Admin, $"{Path}/unknown", JsonSerializer.Serialize(new { name = new string('x', 256) }));
        using var badType = await PutAsync(callers.Admin, $"{Path}/unknown", """{"type":"foo","min_value":"NaN"}""");

        Assert.Equal("body/name", Loc(Assert.Single(await tooLong.AssertValidationErrorAsync())));
        Assert.Equal(["body/min_value", "body/type"], (await badType.AssertValidationErrorAsync()).Select(Loc).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Update_UnknownId_Returns404()
    {
        var (_, callers) = await ArrangeAsync();

        using var response = await PutAsync(callers.Admin, $"{Path}/nope", """{"unit":"V"}""");

        await response.AssertErrorAsync(HttpStatusCode.NotFound, "Event 'nope' not found.");
    }

    [Fact]
    public async Task Delete_Existing_RemovesTheEventItsDatapointsAndRules()
    {
        var (host, callers) = await ArrangeAsync();
        var doomed = await host.InsertEventAsync();
        var kept = await host.InsertEventAsync();
        var now = DateTime.UtcNow;
        await host.InsertDatapointsAsync(doomed.Id, null, (now, 1), (now, 2));
        await host.InsertDatapointsAsync(kept.Id, null, (now, 3));
        await host.InsertRuleAsync(doomed.Id);
        var keptRule = await host.InsertRuleAsync(kept.Id);

        using var response = await callers.OperatorClient.DeleteAsync($"{Path}/{doomed.PublicId}", Ct);
        using var again = await callers.OperatorClient.DeleteAsync($"{Path}/{doomed.PublicId}", Ct);
        using var get = await callers.Admin.GetAsync($"{Path}/{doomed.PublicId}", Ct);

        await AssertSuccessAsync(response, HttpStatusCode.OK, "Event successfully deleted.");
        await again.AssertErrorAsync(HttpStatusCode.NotFound, $"Event '{doomed.PublicId}' not found.");
        Assert.Equal(HttpStatusCode.NotFound, get.StatusCode);
        Assert.Equal(0, await host.CountDatapointsAsync(eventId: doomed.Id));
        Assert.Equal(1, await host.CountDatapointsAsync(eventId: kept.Id));
        var rules = await host.WithDbAsync(db => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.ToListAsync(
            db.Rules.Where(r => r.EventId == doomed.Id || r.EventId == kept.Id), Ct));
        Assert.Equal(keptRule.Id, Assert.Single(rules).Id);
    }

    [Fact]
    public async Task Delete_UnknownId_Returns404()
    {
        var (_, callers) = await ArrangeAsync();

        using var response = await callers.Admin.DeleteAsync($"{Path}/unknown", Ct);

        await response.AssertErrorAsync(HttpStatusCode.NotFound, "Event 'unknown' not found.");
    }

    [Fact]
    public async Task Routes_RoleMatrix_ViewerReadsOperatorWrites()
    {
        var (host, callers) = await ArrangeAsync();
        var existing = await host.InsertEventAsync();
        var item = $"{Path}/{existing.PublicId}";

        // Anonymous: 401 everywhere, also with an invalid body (authorisation runs before validation).
        foreach (var (method, path, body) in new[] { ("GET", Path, (string?)null), ("GET", item, null), ("POST", Path, "{}"), ("PUT", item, """{"type":"x"}"""), ("DELETE", item, null) })
        {
            using var anonymous = await SendAsync(host.Client, method, path, body);
            await anonymous.AssertErrorAsync(HttpStatusCode.Unauthorized, "Authentication required.");
            Assert.Equal("Bearer", anonymous.Headers.WwwAuthenticate.Single().Scheme);
        }

        // Viewers (by JWT or API token) read, and get 403 on writes even with an invalid body.
        foreach (var viewer in new[] { callers.ViewerClient, callers.ViewerToken })
        {
            using var list = await viewer.GetAsync(Path, Ct);
            using var get = await viewer.GetAsync(item, Ct);
            Assert.Equal(HttpStatusCode.OK, list.StatusCode);
            Assert.Equal(HttpStatusCode.OK, get.StatusCode);
            foreach (var (method, path, body) in new[] { ("POST", Path, ValidBody(TestData.UniqueName("v"))), ("POST", Path, "{}"), ("PUT", item, """{"unit":"V"}"""), ("DELETE", item, null) })
            {
                using var denied = await SendAsync(viewer, method, path, body);
                await denied.AssertErrorAsync(HttpStatusCode.Forbidden, "Operator privileges required.");
            }
        }

        // An operator's API token acts with the operator's role.
        var name = TestData.UniqueName("by token");
        using var created = await callers.OperatorToken.PostRawJsonAsync(Path, ValidBody(name));
        using var updated = await SendAsync(callers.OperatorToken, "PUT", item, """{"unit":"bar"}""");
        using var deleted = await callers.OperatorToken.DeleteAsync(item, Ct);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal(HttpStatusCode.OK, updated.StatusCode);
        Assert.Equal(HttpStatusCode.OK, deleted.StatusCode);
        Assert.Equal((await host.GetUserPublicIdAsync(callers.Operator.Id)), await OwnerOfAsync(host, name));
    }

    [Fact]
    public async Task WriteRoutes_MalformedBodies_Return4xxAndTheHostStaysHealthy()
    {
        var (host, callers) = await ArrangeAsync();
        var existing = await host.InsertEventAsync();
        BodyFuzz.Field[] fields =
        [
            new("name", BodyFuzz.Kind.BoundedString, "\"fuzz\""),
            new("min_value", BodyFuzz.Kind.Number, "0"),
            new("max_value", BodyFuzz.Kind.Number, "1"),
            new("unit", BodyFuzz.Kind.BoundedString, "\"V\""),
            new("type", BodyFuzz.Kind.Enum, "\"sensor\""),
        ];

        await AssertMalformedBodiesRefusedAsync(host, callers.Admin, HttpMethod.Post, Path, fields);
        await AssertMalformedBodiesRefusedAsync(host, callers.Admin, HttpMethod.Put, $"{Path}/{existing.PublicId}", fields);

        Assert.Null(await host.FindEventByNameAsync("fuzz"));
        Assert.Equal(existing.Name, (await host.FindEventAsync(existing.PublicId))!.Name);
    }

    private static async Task<Guid> OwnerOfAsync(Testing.Hosting.WebMacsTestHost host, string name)
    {
        var stored = await host.FindEventByNameAsync(name);
        return await host.GetUserPublicIdAsync(stored!.UserId);
    }
}
