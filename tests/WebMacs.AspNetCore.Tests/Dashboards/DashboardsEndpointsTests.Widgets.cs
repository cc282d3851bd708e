using System.Net;
using System.Text.Json;
using WebMacs.AspNetCore.Tests.Support;
using WebMacs.Domain;
using static WebMacs.AspNetCore.Tests.Support.Http;

namespace WebMacs.AspNetCore.Tests.Dashboards;

// Routes 64–66 (reference §10 items 76–77): widgets with their defaults, event checks and dashboard membership.
public abstract partial class DashboardsEndpointsTests
{
    private static readonly string[] WidgetKeys = ["config_json", "event_public_id", "h", "public_id", "title", "w", "widget_type", "x", "y"];

    private static async Task<string> AddWidgetAsync(HttpClient client, string dashboardId, object body)
    {
        using var response = await client.PostRawJsonAsync($"{Path}/{dashboardId}/widgets", JsonSerializer.Serialize(body));
        return IdOf(await response.ReadOkAsync(HttpStatusCode.Created));
    }

    [Fact]
    public async Task AddWidget_OnlyRequiredFields_Returns201WithTheDefaults()
    {
        var (_, callers) = await ArrangeAsync();
        var id = IdOf(await CreateDashboardAsync(callers.OperatorClient));

        using var response = await callers.OperatorClient.PostRawJsonAsync($"{Path}/{id}/widgets", "{\"widget_type\":\"line_chart\",\"title\":\"Temperature\"}");

        var body = await response.ReadOkAsync(HttpStatusCode.Created);
        Assert.Equal(WidgetKeys, PropertyNames(body));
        Assert.Equal("line_chart", body.GetProperty("widget_type").GetString());
        Assert.Equal("Temperature", body.GetProperty("title").GetString());
        Assert.Equal(JsonValueKind.Null, body.GetProperty("event_public_id").ValueKind);
        Assert.Equal(JsonValueKind.Null, body.GetProperty("config_json").ValueKind);
        Assert.Equal([0, 0, 4, 3], new[] { "x", "y", "w", "h" }.Select(k => body.GetProperty(k).GetInt32()));
        using var get = await callers.OperatorClient.GetAsync($"{Path}/{id}", Ct);
        Assert.Equal(body.ToString(), (await get.ReadOkAsync()).GetProperty("widgets")[0].ToString());
    }

    [Fact]
    public async Task AddWidget_EveryField_IsStoredAsSent()
    {
        var (host, callers) = await ArrangeAsync();
        var id = IdOf(await CreateDashboardAsync(callers.OperatorClient));
        var ev = await host.InsertEventAsync();

        using var response = await callers.OperatorToken.PostRawJsonAsync($"{Path}/{id}/widgets", JsonSerializer.Serialize(new
        {
            widget_type = "actuator_toggle", title = "Valve", event_public_id = ev.PublicId, x = "2", y = -1, w = 12, h = 1, config_json = "{\"color\":\"red\"}",
        }));

        var body = await response.ReadOkAsync(HttpStatusCode.Created);
        Assert.Equal(ev.PublicId.ToString(), body.GetProperty("event_public_id").GetString());
        Assert.Equal([2, -1, 12, 1], new[] { "x", "y", "w", "h" }.Select(k => body.GetProperty(k).GetInt32()));
        Assert.Equal("{\"color\":\"red\"}", body.GetProperty("config_json").GetString());
        var stored = await host.FindWidgetAsync(Guid.Parse(IdOf(body)));
        Assert.Equal(ev.Id, stored!.EventId);
        Assert.Equal(WidgetType.ActuatorToggle, stored.WidgetType);
    }

    [Fact]
    public async Task AddWidget_EmptyEventId_MeansNoEvent()
    {
        var (host, callers) = await ArrangeAsync();
        var id = IdOf(await CreateDashboardAsync(callers.OperatorClient));

        var widget = await AddWidgetAsync(callers.OperatorClient, id, new { widget_type = "gauge", title = "g", event_public_id = string.Empty });

        Assert.Null((await host.FindWidgetAsync(Guid.Parse(widget)))!.EventId);
    }

    [Theory]
    [InlineData("{\"widget_type\":\"gauge\",\"title\":\"t\",\"w\":13}", "body/w")]
    [InlineData("{\"widget_type\":\"gauge\",\"title\":\"t\",\"w\":0}", "body/w")]
    [InlineData("{\"widget_type\":\"gauge\",\"title\":\"t\",\"h\":13}", "body/h")]
    [InlineData("{\"widget_type\":\"gauge\",\"title\":\"t\",\"h\":0}", "body/h")]
    [InlineData("{\"widget_type\":\"gauge\",\"title\":\"t\",\"x\":null}", "body/x")]
    [InlineData("{\"widget_type\":\"pie\",\"title\":\"t\"}", "body/widget_type")]
    [InlineData("{\"widget_type\":\"gauge\",\"title\":\"\"}", "body/title")]
    [InlineData("{\"title\":\"t\"}", "body/widget_type")]
    public async Task AddWidget_InvalidField_Returns422(string json, string location)
    {
        var (_, callers) = await ArrangeAsync();
        var id = IdOf(await CreateDashboardAsync(callers.OperatorClient));

        using var response = await callers.OperatorClient.PostRawJsonAsync($"{Path}/{id}/widgets", json);

        Assert.Equal([location], await response.ValidationLocationsAsync());
    }

    [Theory]
    [InlineData("6f1c1f8e-0000-4000-8000-000000000000")]
    [InlineData("not-a-uuid")]
    public async Task AddWidget_UnknownEvent_Returns404(string eventId)
    {
        var (_, callers) = await ArrangeAsync();
        var id = IdOf(await CreateDashboardAsync(callers.OperatorClient));

        using var response = await callers.OperatorClient.PostRawJsonAsync($"{Path}/{id}/widgets", JsonSerializer.Serialize(new { widget_type = "gauge", title = "t", event_public_id = eventId }));

        await response.AssertErrorAsync(HttpStatusCode.NotFound, "Event not found.");
    }

    [Fact]
    public async Task AddWidget_UnknownDashboardOrNotOwner_Returns404Or403()
    {
        var (_, callers) = await ArrangeAsync();
        var adminBoard = IdOf(await CreateDashboardAsync(callers.Admin, isGlobal: true));
        const string body = "{\"widget_type\":\"gauge\",\"title\":\"t\"}";

        using var unknown = await callers.OperatorClient.PostRawJsonAsync($"{Path}/missing/widgets", body);
        using var notOwner = await callers.OperatorClient.PostRawJsonAsync($"{Path}/{adminBoard}/widgets", body);

        await unknown.AssertErrorAsync(HttpStatusCode.NotFound, "Dashboard 'missing' not found.");
        await notOwner.AssertErrorAsync(HttpStatusCode.Forbidden, "Not allowed.");
    }

    [Fact]
    public async Task UpdateWidget_PartialChanges_AreApplied()
    {
        var (host, callers) = await ArrangeAsync();
        var id = IdOf(await CreateDashboardAsync(callers.OperatorClient));
        var ev = await host.InsertEventAsync();
        var widget = await AddWidgetAsync(callers.OperatorClient, id, new { widget_type = "gauge", title = "old", config_json = "{}" });

        using var response = await callers.OperatorClient.SendJsonAsync(HttpMethod.Put, $"{Path}/{id}/widgets/{widget}",
            JsonSerializer.Serialize(new { title = "new", event_public_id = ev.PublicId, x = 3, y = 4, w = 5, h = 6, config_json = (string?)null, widget_type = "stat_card" }));

        await response.AssertSuccessAsync(HttpStatusCode.OK, "Widget successfully updated.");
        var stored = await host.FindWidgetAsync(Guid.Parse(widget));
        Assert.Equal(("new", ev.Id, 3, 4, 5, 6), (stored!.Title, stored.EventId, stored.X, stored.Y, stored.W, stored.H));
        Assert.Null(stored.ConfigJson);
        Assert.Equal(WidgetType.Gauge, stored.WidgetType);
    }

    [Fact]
    public async Task UpdateWidget_NullEvent_ClearsTheEvent()
    {
        var (host, callers) = await ArrangeAsync();
        var id = IdOf(await CreateDashboardAsync(callers.OperatorClient));
        var ev = await host.InsertEventAsync();
        var widget = await AddWidgetAsync(callers.OperatorClient, id, new { widget_type = "gauge", title = "t", event_public_id = ev.PublicId });

        using var response = await callers.OperatorClient.SendJsonAsync(HttpMethod.Put, $"{Path}/{id}/widgets/{widget}", "{\"event_public_id\":null}");

        await response.AssertSuccessAsync(HttpStatusCode.OK, "Widget successfully updated.");
        Assert.Null((await host.FindWidgetAsync(Guid.Parse(widget)))!.EventId);
        Assert.Equal("t", (await host.FindWidgetAsync(Guid.Parse(widget)))!.Title);
    }

    [Fact]
    public async Task UpdateWidget_ThroughAnotherDashboard_Returns404NotOnThisDashboard()
    {
        var (_, callers) = await ArrangeAsync();
        var first = IdOf(await CreateDashboardAsync(callers.OperatorClient));
        var second = IdOf(await CreateDashboardAsync(callers.OperatorClient));
        var widget = await AddWidgetAsync(callers.OperatorClient, first, new { widget_type = "gauge", title = "t" });

        using var update = await callers.OperatorClient.SendJsonAsync(HttpMethod.Put, $"{Path}/{second}/widgets/{widget}", "{\"title\":\"x\"}");
        using var delete = await callers.OperatorClient.DeleteAsync($"{Path}/{second}/widgets/{widget}", Ct);

        await update.AssertErrorAsync(HttpStatusCode.NotFound, "Widget not on this dashboard.");
        await delete.AssertErrorAsync(HttpStatusCode.NotFound, "Widget not on this dashboard.");
    }

    [Fact]
    public async Task UpdateWidget_Errors_FollowTheCheckOrder()
    {
        var (_, callers) = await ArrangeAsync();
        var id = IdOf(await CreateDashboardAsync(callers.OperatorClient));
        var adminBoard = IdOf(await CreateDashboardAsync(callers.Admin));
        var widget = await AddWidgetAsync(callers.OperatorClient, id, new { widget_type = "gauge", title = "t" });

        using var unknownBoard = await callers.OperatorClient.SendJsonAsync(HttpMethod.Put, $"{Path}/nope/widgets/{widget}", "{\"title\":\"x\"}");
        using var notOwner = await callers.OperatorClient.SendJsonAsync(HttpMethod.Put, $"{Path}/{adminBoard}/widgets/nope", "{\"title\":\"x\"}");
        using var unknownWidget = await callers.OperatorClient.SendJsonAsync(HttpMethod.Put, $"{Path}/{id}/widgets/nope", "{\"title\":\"x\"}");
        using var unknownEvent = await callers.OperatorClient.SendJsonAsync(HttpMethod.Put, $"{Path}/{id}/widgets/{widget}", "{\"event_public_id\":\"\"}");
        using var emptyTitle = await callers.OperatorClient.SendJsonAsync(HttpMethod.Put, $"{Path}/{id}/widgets/{widget}", "{\"title\":\"\"}");
        using var nullTitle = await callers.OperatorClient.SendJsonAsync(HttpMethod.Put, $"{Path}/{id}/widgets/{widget}", "{\"title\":null}");
        using var wideWidget = await callers.OperatorClient.SendJsonAsync(HttpMethod.Put, $"{Path}/{id}/widgets/{widget}", "{\"w\":13}");

        await unknownBoard.AssertErrorAsync(HttpStatusCode.NotFound, "Dashboard 'nope' not found.");
        await notOwner.AssertErrorAsync(HttpStatusCode.Forbidden, "Not allowed.");
        await unknownWidget.AssertErrorAsync(HttpStatusCode.NotFound, "DashboardWidget 'nope' not found.");
        await unknownEvent.AssertErrorAsync(HttpStatusCode.NotFound, "Event not found.");
        Assert.Equal(["body/title"], await emptyTitle.ValidationLocationsAsync());
        await nullTitle.AssertErrorAsync(HttpStatusCode.Conflict, "DashboardWidget already exists.");
        Assert.Equal(["body/w"], await wideWidget.ValidationLocationsAsync());
    }

    [Fact]
    public async Task DeleteWidget_Owner_RemovesItOnce()
    {
        var (host, callers) = await ArrangeAsync();
        var id = IdOf(await CreateDashboardAsync(callers.OperatorClient));
        var widget = await AddWidgetAsync(callers.OperatorClient, id, new { widget_type = "gauge", title = "t" });

        using var response = await callers.OperatorClient.DeleteAsync($"{Path}/{id}/widgets/{widget}", Ct);
        using var again = await callers.OperatorClient.DeleteAsync($"{Path}/{id}/widgets/{widget}", Ct);

        await response.AssertSuccessAsync(HttpStatusCode.OK, "Widget successfully deleted.");
        await again.AssertErrorAsync(HttpStatusCode.NotFound, $"DashboardWidget '{widget}' not found.");
        Assert.Null(await host.FindWidgetAsync(Guid.Parse(widget)));
    }

    [Fact]
    public async Task DeleteWidget_AdminOnOthersDashboard_IsAllowedAndNonOwnerIsNot()
    {
        var (_, callers) = await ArrangeAsync();
        var adminBoard = IdOf(await CreateDashboardAsync(callers.Admin, isGlobal: true));
        var widget = await AddWidgetAsync(callers.Admin, adminBoard, new { widget_type = "gauge", title = "t" });
        var operatorBoard = IdOf(await CreateDashboardAsync(callers.OperatorClient));
        var operatorWidget = await AddWidgetAsync(callers.OperatorClient, operatorBoard, new { widget_type = "gauge", title = "t" });

        using var denied = await callers.OperatorClient.DeleteAsync($"{Path}/{adminBoard}/widgets/{widget}", Ct);
        using var admin = await callers.Admin.DeleteAsync($"{Path}/{operatorBoard}/widgets/{operatorWidget}", Ct);

        await denied.AssertErrorAsync(HttpStatusCode.Forbidden, "Not allowed.");
        await admin.AssertSuccessAsync(HttpStatusCode.OK, "Widget successfully deleted.");
    }
}
