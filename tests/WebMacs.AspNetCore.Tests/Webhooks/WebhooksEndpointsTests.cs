using System.Net;
using System.Text.Json;
using WebMacs.AspNetCore.Tests.Datapoints;
using WebMacs.AspNetCore.Tests.Support;
using WebMacs.Testing.Hosting;
using static WebMacs.AspNetCore.Tests.Support.Http;

namespace WebMacs.AspNetCore.Tests.Webhooks;

/// <summary>POST, GET, PUT and DELETE /webhooks (routes 40–44, §10 items 54–55) on both stores.</summary>
public sealed class WebhooksEndpointsTests(WebMacsHosts hosts) : IClassFixture<WebMacsHosts>
{
    private const string Webhooks = "/api/v1/webhooks";

    [Theory]
    [MemberData(nameof(TestStores.All), MemberType = typeof(TestStores))]
    public async Task Create_Valid_Returns201AndGetShowsEventsArrayWithoutSecret(TestStore store)
    {
        var host = await hosts.GetAsync(store);
        using var client = host.CreateClient(await host.LoginAsync());
        var url = WebhookData.NewUrl();

        using var created = await client.PostRawJsonAsync(Webhooks,
            $$"""{"url": "{{url}}", "secret": "s3cret", "events": ["sensor.reading", "experiment.started"]}""");
        var stored = await host.FindWebhookAsync(url);
        var webhook = await (await client.GetAsync($"{Webhooks}/{stored!.PublicId}", Ct)).ReadJsonAsync();

        await DatapointsIngestionEndpointsTests.AssertStatusAsync(created, HttpStatusCode.Created, "Webhook successfully created.");
        Assert.Equal("""["sensor.reading", "experiment.started"]""", stored.Events);
        Assert.Equal("s3cret", stored.Secret);
        Assert.Equal(["created_on", "enabled", "events", "public_id", "url", "user_public_id"], PropertyNames(webhook));
        Assert.Equal(stored.PublicId.ToString(), webhook.GetProperty("public_id").GetString());
        Assert.Equal(url, webhook.GetProperty("url").GetString());
        Assert.Equal(["sensor.reading", "experiment.started"], webhook.GetProperty("events").EnumerateArray().Select(e => e.GetString()));
        Assert.True(webhook.GetProperty("enabled").GetBoolean());
        Assert.EndsWith("Z", webhook.GetProperty("created_on").GetString(), StringComparison.Ordinal);
        var adminPublicId = (await (await client.GetAsync(MePath, Ct)).ReadJsonAsync()).GetProperty("public_id").GetString();
        Assert.Equal(adminPublicId, webhook.GetProperty("user_public_id").GetString());
    }

    [Theory]
    [MemberData(nameof(TestStores.All), MemberType = typeof(TestStores))]
    public async Task Create_IdenticalUrl_Returns409ButOtherCaseIsANewUrl(TestStore store)
    {
        var host = await hosts.GetAsync(store);
        using var client = host.CreateClient(await host.LoginAsync());
        var url = WebhookData.NewUrl();
        var body = $$"""{"url": "{{url}}", "events": ["experiment.stopped"], "enabled": false}""";

        using var first = await client.PostRawJsonAsync(Webhooks, body);
        using var second = await client.PostRawJsonAsync(Webhooks, body);
        using var upper = await client.PostRawJsonAsync(Webhooks, body.Replace("receiver.example", "RECEIVER.example", StringComparison.Ordinal));

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        await second.AssertErrorAsync(HttpStatusCode.Conflict, "Webhook already exists.");
        Assert.Equal(HttpStatusCode.Created, upper.StatusCode);
        Assert.False((await host.FindWebhookAsync(url))!.Enabled);
    }

    [Theory]
    [InlineData("""{"url": "ftp://x", "events": ["sensor.reading"]}""", "body/url", "string_pattern_mismatch")]
    [InlineData("""{"url": "HTTP://x", "events": ["sensor.reading"]}""", "body/url", "string_pattern_mismatch")]
    [InlineData("""{"url": " http://x", "events": ["sensor.reading"]}""", "body/url", "string_pattern_mismatch")]
    [InlineData("""{"url": "", "events": ["sensor.reading"]}""", "body/url", "string_too_short")]
    [InlineData("""{"url": 5, "events": ["sensor.reading"]}""", "body/url", "string_type")]
    [InlineData("""{"events": ["sensor.reading"]}""", "body/url", "missing")]
    [InlineData("""{"url": "http://x", "events": []}""", "body/events", "too_short")]
    [InlineData("""{"url": "http://x"}""", "body/events", "missing")]
    [InlineData("""{"url": "http://x", "events": "sensor.reading"}""", "body/events", "list_type")]
    [InlineData("""{"url": "http://x", "events": ["sensor.reading", "bogus"]}""", "body/events/1", "enum")]
    [InlineData("""{"url": "http://x", "events": ["sensor.reading", 3]}""", "body/events/1", "enum")]
    [InlineData("""{"url": "http://x", "events": ["sensor.reading"], "enabled": null}""", "body/enabled", "bool_type")]
    [InlineData("""{"url": "http://x", "events": ["sensor.reading"], "enabled": "maybe"}""", "body/enabled", "bool_parsing")]
    [InlineData("""{"url": "http://x", "events": ["sensor.reading"], "secret": 5}""", "body/secret", "string_type")]
    public async Task Create_InvalidField_Returns422AtTheField(string body, string loc, string type)
    {
        var host = await hosts.GetAsync(TestStore.Sqlite);
        using var client = host.CreateClient(await host.LoginAsync());

        using var response = await client.PostRawJsonAsync(Webhooks, body);

        var error = Assert.Single(await response.AssertValidationErrorAsync());
        Assert.Equal(loc, Loc(error));
        Assert.Equal(type, error.GetProperty("type").GetString());
    }

    [Fact]
    public async Task Create_LengthLimits_AreEnforced()
    {
        var host = await hosts.GetAsync(TestStore.Sqlite);
        using var client = host.CreateClient(await host.LoginAsync());
        var longest = "https://x/" + new string('a', 2048 - 10);

        using var urlOk = await client.PostRawJsonAsync(Webhooks, $$"""{"url": "{{longest}}", "events": ["sensor.reading"], "secret": "{{new string('s', 255)}}"}""");
        using var urlTooLong = await client.PostRawJsonAsync(Webhooks, $$"""{"url": "{{longest}}a", "events": ["sensor.reading"]}""");
        using var secretTooLong = await client.PostRawJsonAsync(Webhooks, $$"""{"url": "http://y", "events": ["sensor.reading"], "secret": "{{new string('s', 256)}}"}""");

        Assert.Equal(HttpStatusCode.Created, urlOk.StatusCode);
        Assert.Equal("string_too_long", Assert.Single(await urlTooLong.AssertValidationErrorAsync()).GetProperty("type").GetString());
        Assert.Equal("body/secret", Loc(Assert.Single(await secretTooLong.AssertValidationErrorAsync())));
        using var noScheme = await client.PostRawJsonAsync(Webhooks, """{"url": "x", "events": ["sensor.reading"]}""");
        var mismatch = Assert.Single(await noScheme.AssertValidationErrorAsync());
        Assert.Equal("String should match pattern '^https?://'", mismatch.GetProperty("msg").GetString());
        Assert.Equal("^https?://", mismatch.GetProperty("ctx").GetProperty("pattern").GetString());
    }

    [Theory]
    [MemberData(nameof(TestStores.All), MemberType = typeof(TestStores))]
    public async Task Update_PartialFields_AppliesOnlyThoseAndAllowsDuplicateUrlAndEmptyEvents(TestStore store)
    {
        var host = await hosts.GetAsync(store);
        using var client = host.CreateClient(await host.LoginAsync());
        var other = await host.InsertWebhookAsync("""["sensor.reading"]""");
        var webhook = await host.InsertWebhookAsync("""["experiment.started"]""", secret: "old");
        var path = $"{Webhooks}/{webhook.PublicId}";

        using var disable = await client.PutAsync(path, Json("""{"enabled": false}"""), Ct);
        var afterDisable = await host.FindWebhookAsync(webhook.PublicId);
        using var sameUrl = await client.PutAsync(path, Json($$"""{"url": "{{other.Url}}", "events": [], "secret": null}"""), Ct);
        var afterUrl = await host.FindWebhookAsync(webhook.PublicId);
        using var events = await client.PutAsync(path, Json("""{"events": ["system.health_changed", "sensor.threshold_exceeded"], "secret": "new"}"""), Ct);
        var shown = await (await client.GetAsync(path, Ct)).ReadJsonAsync();

        await DatapointsIngestionEndpointsTests.AssertStatusAsync(disable, HttpStatusCode.OK, "Webhook successfully updated.");
        Assert.False(afterDisable!.Enabled);
        Assert.Equal(webhook.Url, afterDisable.Url);
        Assert.Equal("old", afterDisable.Secret);
        Assert.Equal(HttpStatusCode.OK, sameUrl.StatusCode);
        Assert.Equal(other.Url, afterUrl!.Url);
        Assert.Equal("[]", afterUrl.Events);
        Assert.Null(afterUrl.Secret);
        Assert.Equal(HttpStatusCode.OK, events.StatusCode);
        Assert.Equal(["system.health_changed", "sensor.threshold_exceeded"], shown.GetProperty("events").EnumerateArray().Select(e => e.GetString()));
        Assert.False(shown.TryGetProperty("secret", out _));
        Assert.Equal("new", (await host.FindWebhookAsync(webhook.PublicId))!.Secret);
    }

    [Theory]
    [MemberData(nameof(TestStores.All), MemberType = typeof(TestStores))]
    public async Task Update_ExplicitNullOnRequiredColumn_Returns409AndChangesNothing(TestStore store)
    {
        var host = await hosts.GetAsync(store);
        using var client = host.CreateClient(await host.LoginAsync());
        var webhook = await host.InsertWebhookAsync("""["experiment.started"]""");

        foreach (var body in new[] { """{"url": null, "enabled": false}""", """{"events": null, "enabled": false}""", """{"enabled": null, "secret": "x"}""" })
        {
            using var response = await client.PutAsync($"{Webhooks}/{webhook.PublicId}", Json(body), Ct);
            await response.AssertErrorAsync(HttpStatusCode.Conflict, "Webhook already exists.");
        }

        var unchanged = await host.FindWebhookAsync(webhook.PublicId);
        Assert.True(unchanged!.Enabled);
        Assert.Null(unchanged.Secret);
    }

    [Theory]
    [MemberData(nameof(TestStores.All), MemberType = typeof(TestStores))]
    public async Task Update_InvalidOrUnknown_Returns422Or404(TestStore store)
    {
        var host = await hosts.GetAsync(store);
        using var client = host.CreateClient(await host.LoginAsync());
        var webhook = await host.InsertWebhookAsync("""["experiment.started"]""");

        using var badUrl = await client.PutAsync($"{Webhooks}/{webhook.PublicId}", Json("""{"url": "ftp://x"}"""), Ct);
        using var badEvent = await client.PutAsync($"{Webhooks}/{webhook.PublicId}", Json("""{"events": ["nope"]}"""), Ct);
        using var unknown = await client.PutAsync($"{Webhooks}/nonexistent", Json("""{"enabled": true}"""), Ct);
        using var invalidAndUnknown = await client.PutAsync($"{Webhooks}/nonexistent", Json("""{"enabled": "maybe"}"""), Ct);

        Assert.Equal("body/url", Loc(Assert.Single(await badUrl.AssertValidationErrorAsync())));
        Assert.Equal("body/events/0", Loc(Assert.Single(await badEvent.AssertValidationErrorAsync())));
        await unknown.AssertErrorAsync(HttpStatusCode.NotFound, "Webhook 'nonexistent' not found.");
        Assert.Equal("body/enabled", Loc(Assert.Single(await invalidAndUnknown.AssertValidationErrorAsync())));
    }

    [Theory]
    [MemberData(nameof(TestStores.All), MemberType = typeof(TestStores))]
    public async Task Delete_RemovesTheWebhookAndItsDeliveries(TestStore store)
    {
        var host = await hosts.GetAsync(store);
        using var client = host.CreateClient(await host.LoginAsync());
        var webhook = await host.InsertWebhookAsync("""["sensor.reading"]""");
        await host.InsertDeliveriesAsync(WebhookData.Delivery(webhook, Domain.WebhookDeliveryStatus.Pending, DateTime.UtcNow));
        var path = $"{Webhooks}/{webhook.PublicId}";

        using var deleted = await client.DeleteAsync(path, Ct);
        using var gone = await client.GetAsync(path, Ct);
        using var again = await client.DeleteAsync(path, Ct);

        await DatapointsIngestionEndpointsTests.AssertStatusAsync(deleted, HttpStatusCode.OK, "Webhook successfully deleted.");
        await gone.AssertErrorAsync(HttpStatusCode.NotFound, $"Webhook '{webhook.PublicId}' not found.");
        await again.AssertErrorAsync(HttpStatusCode.NotFound, $"Webhook '{webhook.PublicId}' not found.");
        Assert.Empty(await host.DeliveriesOfAsync(webhook.Id));
    }

    [Theory]
    [MemberData(nameof(TestStores.All), MemberType = typeof(TestStores))]
    public async Task List_Paginates_AndShowsEveryWebhook(TestStore store)
    {
        await using var host = await hosts.StartAsync(store, new Dictionary<string, string?>());
        using var client = host.CreateClient(await host.LoginAsync());
        var webhooks = new List<Domain.Webhook>();
        for (var i = 0; i < 3; i++)
        {
            webhooks.Add(await host.InsertWebhookAsync("""["sensor.reading"]""", secret: "hidden"));
        }

        var all = await (await client.GetAsync(Webhooks, Ct)).ReadJsonAsync();
        var second = await (await client.GetAsync($"{Webhooks}?page=2&page_size=2", Ct)).ReadJsonAsync();
        var past = await (await client.GetAsync($"{Webhooks}?page=3&page_size=2", Ct)).ReadJsonAsync();
        using var tooLarge = await client.GetAsync($"{Webhooks}?page_size=101", Ct);
        using var zero = await client.GetAsync($"{Webhooks}?page=0", Ct);

        Assert.Equal(["data", "page", "page_size", "total"], PropertyNames(all));
        Assert.Equal(3, all.GetProperty("total").GetInt32());
        Assert.Equal(webhooks.Select(w => w.PublicId.ToString()), all.GetProperty("data").EnumerateArray().Select(w => w.GetProperty("public_id").GetString()));
        Assert.DoesNotContain("hidden", all.ToString(), StringComparison.Ordinal);
        Assert.Single(second.GetProperty("data").EnumerateArray());
        Assert.Empty(past.GetProperty("data").EnumerateArray());
        Assert.Equal(3, past.GetProperty("total").GetInt32());
        Assert.Equal("query/page_size", Loc(Assert.Single(await tooLarge.AssertValidationErrorAsync())));
        Assert.Equal("query/page", Loc(Assert.Single(await zero.AssertValidationErrorAsync())));
    }

    [Theory]
    [MemberData(nameof(TestStores.All), MemberType = typeof(TestStores))]
    public async Task GetAndDelete_UnknownIds_Return404WithTheRawId(TestStore store)
    {
        var host = await hosts.GetAsync(store);
        using var client = host.CreateClient(await host.LoginAsync());

        foreach (var id in new[] { "nonexistent", Guid.NewGuid().ToString() })
        {
            using var get = await client.GetAsync($"{Webhooks}/{id}", Ct);
            using var delete = await client.DeleteAsync($"{Webhooks}/{id}", Ct);
            await get.AssertErrorAsync(HttpStatusCode.NotFound, $"Webhook '{id}' not found.");
            await delete.AssertErrorAsync(HttpStatusCode.NotFound, $"Webhook '{id}' not found.");
        }
    }

    [Theory]
    [MemberData(nameof(TestStores.All), MemberType = typeof(TestStores))]
    public async Task WriteRoutes_MalformedBodies_AlwaysAnswer4xx(TestStore store)
    {
        var host = await hosts.GetAsync(store);
        using var client = host.CreateClient(await host.LoginAsync());
        var webhook = await host.InsertWebhookAsync("""["sensor.reading"]""");

        await MalformedBodies.AssertAlways4xxAsync(host, client, HttpMethod.Post, Webhooks,
            """{"url": %V%, "events": []}""",
            """{"url": "http://x", "events": %V%, "secret": 5}""",
            """{"url": "http://x", "events": [%V%], "enabled": "maybe"}""",
            """{"url": "ftp://x", "events": ["sensor.reading"], "secret": %V%}""",
            """{"url": "ftp://x", "events": ["sensor.reading"], "enabled": %V%}""");
        await MalformedBodies.AssertAlways4xxAsync(host, client, HttpMethod.Put, $"{Webhooks}/{Guid.NewGuid()}",
            """{"url": %V%}""", """{"events": %V%}""", """{"secret": %V%}""", """{"enabled": %V%}""");
        await MalformedBodies.AssertAlways4xxAsync(host, client, HttpMethod.Put, $"{Webhooks}/{webhook.PublicId}",
            """{"url": %V%, "enabled": "maybe"}""", """{"events": [%V%], "secret": 5}""", """{"secret": %V%, "url": "ftp://"}""");

        using var list = await client.GetAsync($"{Webhooks}?page_size=100", Ct);
        Assert.Equal(HttpStatusCode.OK, list.StatusCode);
    }

    private static StringContent Json(string json) => new(json, System.Text.Encoding.UTF8, "application/json");
}
