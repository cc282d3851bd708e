using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using WebMacs.AspNetCore.Tests.Dashboards;
using WebMacs.AspNetCore.Tests.Support;
using WebMacs.Domain;
using static WebMacs.AspNetCore.Tests.Support.Http;

namespace WebMacs.AspNetCore.Tests.Plugins;

// Routes 74–75: partial updates and the explicit delete cascade of reference §6.7.
public abstract partial class PluginsEndpointsTests
{
    [Fact]
    public async Task Update_SentFields_AreAppliedWithoutRediscovery()
    {
        var (host, callers) = await ArrangeAsync();
        var name = PluginData.UniqueName("Upd");
        var id = await CreateInstanceAsync(host, callers.Admin, new { plugin_id = "simulated", instance_name = name, config_json = "{\"a\":1}" }, name);
        var before = await GetInstanceAsync(callers.Admin, id);
        var renamed = PluginData.UniqueName("Renamed");

        using var response = await callers.AdminToken.SendJsonAsync(HttpMethod.Put, $"{Path}/{id}",
            JsonSerializer.Serialize(new { instance_name = renamed, demo_mode = true, enabled = "false", config_json = (string?)null }));

        await response.AssertSuccessAsync(HttpStatusCode.OK, "Plugin instance successfully updated.");
        var after = await GetInstanceAsync(callers.Admin, id);
        Assert.Equal((renamed, true, false), (after.GetProperty("instance_name").GetString(), after.GetProperty("demo_mode").GetBoolean(), after.GetProperty("enabled").GetBoolean()));
        Assert.Equal(JsonValueKind.Null, after.GetProperty("config_json").ValueKind);
        Assert.Equal(before.GetProperty("channel_mappings").ToString(), after.GetProperty("channel_mappings").ToString());
        Assert.Equal(before.GetProperty("created_on").GetString(), after.GetProperty("created_on").GetString());
        Assert.True(after.GetProperty("updated_on").GetDateTime() >= before.GetProperty("updated_on").GetDateTime());
        Assert.NotEqual(before.GetProperty("updated_on").GetString(), after.GetProperty("updated_on").GetString());
    }

    [Fact]
    public async Task Update_EmptyBody_ChangesNothingButSucceeds()
    {
        var (host, callers) = await ArrangeAsync();
        var instance = await host.InsertInstanceAsync();

        using var response = await callers.Admin.SendJsonAsync(HttpMethod.Put, $"{Path}/{instance.PublicId}", "{}");

        await response.AssertSuccessAsync(HttpStatusCode.OK, "Plugin instance successfully updated.");
        Assert.Equal(instance.InstanceName, (await host.FindInstanceAsync(instance.PublicId))!.InstanceName);
    }

    [Theory]
    [InlineData("{\"instance_name\":null}")]
    [InlineData("{\"enabled\":null}")]
    [InlineData("{\"demo_mode\":null}")]
    [InlineData("{\"instance_name\":\"%TAKEN%\"}")]
    public async Task Update_DuplicateNameOrExplicitNull_Returns409AndChangesNothing(string json)
    {
        var (host, callers) = await ArrangeAsync();
        var taken = await host.InsertInstanceAsync();
        var instance = await host.InsertInstanceAsync();

        using var response = await callers.Admin.SendJsonAsync(HttpMethod.Put, $"{Path}/{instance.PublicId}", json.Replace("%TAKEN%", taken.InstanceName, StringComparison.Ordinal));

        await response.AssertErrorAsync(HttpStatusCode.Conflict, "Plugin instance already exists.");
        var stored = await host.FindInstanceAsync(instance.PublicId);
        Assert.Equal((instance.InstanceName, true), (stored!.InstanceName, stored.Enabled));
    }

    [Theory]
    [InlineData("{\"instance_name\":\"\"}", "body/instance_name")]
    [InlineData("{\"enabled\":\"x\"}", "body/enabled")]
    [InlineData("{\"config_json\":1}", "body/config_json")]
    public async Task Update_InvalidField_Returns422(string json, string location)
    {
        var (host, callers) = await ArrangeAsync();
        var instance = await host.InsertInstanceAsync();

        using var response = await callers.Admin.SendJsonAsync(HttpMethod.Put, $"{Path}/{instance.PublicId}", json);

        Assert.Equal([location], await response.ValidationLocationsAsync());
    }

    [Fact]
    public async Task UpdateAndDelete_UnknownInstance_Return404WithTheGenericText()
    {
        var (_, callers) = await ArrangeAsync();

        using var update = await callers.Admin.SendJsonAsync(HttpMethod.Put, $"{Path}/nope", "{\"enabled\":false}");
        using var delete = await callers.Admin.DeleteAsync($"{Path}/nope", Ct);

        await update.AssertErrorAsync(HttpStatusCode.NotFound, "Plugin instance 'nope' not found.");
        await delete.AssertErrorAsync(HttpStatusCode.NotFound, "Plugin instance 'nope' not found.");
    }

    [Fact]
    public async Task Delete_Instance_RemovesItsEventsWithTheirDataAndRulesAndClearsWidgets()
    {
        var (host, callers) = await ArrangeAsync();
        var name = PluginData.UniqueName("Doomed");
        var id = await CreateInstanceAsync(host, callers.Admin, new { plugin_id = "simulated", instance_name = name }, name);
        var instance = await host.FindInstanceAsync(id);
        var eventIds = instance!.ChannelMappings.Select(m => m.EventId!.Value).ToArray();
        var bystander = await host.InsertEventAsync();
        var sharedWith = await host.InsertInstanceAsync("shared");
        var widgetId = await ArrangeDependentsAsync(host, eventIds[0], bystander.Id, sharedWith.ChannelMappings[0].Id);

        using var response = await callers.Admin.DeleteAsync($"{Path}/{id}", Ct);

        await response.AssertSuccessAsync(HttpStatusCode.OK, "Plugin instance successfully deleted.");
        await host.WithDbAsync(async db =>
        {
            Assert.Null(await db.PluginInstances.FirstOrDefaultAsync(p => p.PublicId == id, Ct));
            Assert.Equal(0, await db.ChannelMappings.CountAsync(m => m.PluginInstanceId == instance.Id, Ct));
            Assert.Equal(0, await db.Events.CountAsync(e => eventIds.Contains(e.Id), Ct));
            Assert.Equal(0, await db.Datapoints.CountAsync(d => eventIds.Contains(d.EventId), Ct));
            Assert.Equal(0, await db.Rules.CountAsync(r => eventIds.Contains(r.EventId), Ct));
            var widget = await db.DashboardWidgets.SingleAsync(w => w.Id == widgetId, Ct);
            Assert.Null(widget.EventId);
            Assert.Null((await db.ChannelMappings.SingleAsync(m => m.Id == sharedWith.ChannelMappings[0].Id, Ct)).EventId);
            Assert.Equal(1, await db.Datapoints.CountAsync(d => d.EventId == bystander.Id, Ct));
            Assert.Equal(1, await db.Rules.CountAsync(r => r.EventId == bystander.Id, Ct));
            return true;
        });
        using var again = await callers.Admin.DeleteAsync($"{Path}/{id}", Ct);
        await again.AssertErrorAsync(HttpStatusCode.NotFound, $"Plugin instance '{id}' not found.");
    }

    /// <summary>
    /// Gives the doomed event a datapoint, a rule, a widget and a second mapping (of another instance), and a bystander
    /// event a datapoint and a rule; returns the widget's key.
    /// </summary>
    private static Task<int> ArrangeDependentsAsync(Testing.Hosting.WebMacsTestHost host, int doomedEvent, int bystander, int otherMapping) =>
        host.WithDbAsync(async db =>
        {
            var admin = await db.Users.Where(u => u.Email == Testing.Hosting.WebMacsTestHost.AdminEmail).Select(u => u.Id).SingleAsync(Ct);
            foreach (var eventId in new[] { doomedEvent, bystander })
            {
                db.Datapoints.Add(new Datapoint { EventId = eventId, Timestamp = DateTime.UtcNow, Value = 1.5 });
                db.Rules.Add(new Rule
                {
                    Name = PluginData.UniqueName("rule"), EventId = eventId, Operator = RuleOperator.Gt, Threshold = 1, ActionType = RuleActionType.Log,
                    CreatedOn = DateTime.UtcNow, UserId = admin,
                });
            }

            var dashboard = new Dashboard { Name = "with widget", CreatedOn = DateTime.UtcNow, UserId = admin };
            var widget = new DashboardWidget { WidgetType = WidgetType.Gauge, Title = "w", EventId = doomedEvent };
            dashboard.Widgets.Add(widget);
            db.Dashboards.Add(dashboard);
            (await db.ChannelMappings.SingleAsync(m => m.Id == otherMapping, Ct)).EventId = doomedEvent;
            await db.SaveChangesAsync(Ct);
            return widget.Id;
        });
}
