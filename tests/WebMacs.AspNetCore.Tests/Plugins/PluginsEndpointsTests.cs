using System.Net;
using System.Text.Json;
using WebMacs.AspNetCore.Tests.Dashboards;
using WebMacs.AspNetCore.Tests.Support;
using WebMacs.Domain;
using WebMacs.Testing.Hosting;
using static WebMacs.AspNetCore.Tests.Support.Http;

namespace WebMacs.AspNetCore.Tests.Plugins;

/// <summary>Routes 67 and 71–75 (reference §4.3, §6.7, §10 items 78–81) over real sockets; run once per store by the subclasses.</summary>
public abstract partial class PluginsEndpointsTests(PluginHosts hosts, TestStore store)
{
    private const string Path = "/api/v1/plugins";
    private const string EnDash = "\u2013";

    private static readonly string[] InstanceKeys =
    [
        "channel_mappings", "config_json", "created_on", "demo_mode", "enabled", "error_message", "instance_name", "plugin_id", "public_id", "status",
        "updated_on", "user_public_id",
    ];

    private static readonly string[] MappingKeys = ["channel_id", "channel_name", "created_on", "direction", "event_public_id", "public_id", "unit"];

    private PluginHosts Hosts => hosts;

    private async Task<(WebMacsTestHost Host, RouteCallers Callers)> ArrangeAsync()
    {
        var host = await hosts.GetAsync(store);
        hosts.Catalog.FailListing = false;
        return (host, await RouteCallers.ForAsync(host));
    }

    /// <summary>Creates an instance over HTTP and returns its public id.</summary>
    private static async Task<Guid> CreateInstanceAsync(WebMacsTestHost host, HttpClient client, object body, string instanceName)
    {
        using var response = await client.PostRawJsonAsync(Path, JsonSerializer.Serialize(body));
        await response.AssertSuccessAsync(HttpStatusCode.Created, "Plugin instance created.");
        return (await host.FindInstanceAsync(instanceName))!.PublicId;
    }

    private static async Task<JsonElement> GetInstanceAsync(HttpClient client, Guid id)
    {
        using var response = await client.GetAsync($"{Path}/{id}", Ct);
        return await response.ReadOkAsync();
    }

    [Fact]
    public async Task Available_Viewer_ListsTheCatalogue()
    {
        var (_, callers) = await ArrangeAsync();

        using var response = await callers.ViewerClient.GetAsync($"{Path}/available", Ct);

        var body = await response.ReadOkAsync();
        Assert.Equal(["simulated", "system", "configurable"], body.EnumerateArray().Select(p => p.GetProperty("id").GetString()));
        var simulated = body[0];
        Assert.Equal(["description", "id", "name", "url", "vendor", "version"], PropertyNames(simulated));
        Assert.Equal(("Simulated Device", "0.2.0", "WebMACS", "https://github.com/stefanposs/webmacs"),
            (simulated.GetProperty("name").GetString(), simulated.GetProperty("version").GetString(), simulated.GetProperty("vendor").GetString(), simulated.GetProperty("url").GetString()));
        Assert.Equal(JsonValueKind.Null, body[1].GetProperty("url").ValueKind);
    }

    [Fact]
    public async Task Available_CatalogueFails_ReturnsAnEmptyList()
    {
        var (_, callers) = await ArrangeAsync();
        Hosts.Catalog.FailListing = true;

        using var response = await callers.ViewerToken.GetAsync($"{Path}/available", Ct);

        Assert.Equal("[]", (await response.ReadOkAsync()).GetRawText());
    }

    [Fact]
    public async Task Available_NoPluginsRegistered_ReturnsAnEmptyList()
    {
        await using var host = await Hosts.StartAsync(store, withCatalog: false);
        var client = host.CreateClient(await host.LoginAsync());

        using var response = await client.GetAsync($"{Path}/available", Ct);

        Assert.Equal("[]", (await response.ReadOkAsync()).GetRawText());
    }

    [Fact]
    public async Task Create_SimulatedPlugin_MapsEveryChannelToAnAutomaticEvent()
    {
        var (host, callers) = await ArrangeAsync();
        var name = PluginData.UniqueName("Lab");

        var id = await CreateInstanceAsync(host, callers.Admin, new { plugin_id = "simulated", instance_name = name }, name);

        var body = await GetInstanceAsync(callers.ViewerClient, id);
        Assert.Equal(InstanceKeys, PropertyNames(body));
        Assert.Equal(("simulated", name, false, true, "inactive"), (body.GetProperty("plugin_id").GetString(), body.GetProperty("instance_name").GetString(),
            body.GetProperty("demo_mode").GetBoolean(), body.GetProperty("enabled").GetBoolean(), body.GetProperty("status").GetString()));
        Assert.Equal(JsonValueKind.Null, body.GetProperty("config_json").ValueKind);
        Assert.Equal(JsonValueKind.Null, body.GetProperty("error_message").ValueKind);
        Assert.Equal((await host.GetUserPublicIdAsync(await host.GetUserIdAsync(WebMacsTestHost.AdminEmail))).ToString(), body.GetProperty("user_public_id").GetString());
        var mappings = body.GetProperty("channel_mappings").EnumerateArray().ToList();
        Assert.Equal(TestPluginCatalog.SimulatedChannels.Select(c => c.Id), mappings.Select(m => m.GetProperty("channel_id").GetString()));
        Assert.Equal(MappingKeys, PropertyNames(mappings[0]));
        foreach (var (mapping, channel) in mappings.Zip(TestPluginCatalog.SimulatedChannels))
        {
            var ev = await host.FindEventAsync($"{name} {EnDash} {channel.Name}");
            Assert.NotNull(ev);
            Assert.Equal(ev.PublicId.ToString(), mapping.GetProperty("event_public_id").GetString());
            Assert.Equal(WireEnum<ChannelDirection>.ToWire(channel.Direction), mapping.GetProperty("direction").GetString());
            Assert.Equal((channel.Name, channel.Unit), (mapping.GetProperty("channel_name").GetString(), mapping.GetProperty("unit").GetString()));
            Assert.Equal((channel.Unit, channel.MinValue, channel.MaxValue), (ev.Unit, ev.MinValue, ev.MaxValue));
            Assert.Equal(channel.Direction == ChannelDirection.Input ? EventType.Sensor : EventType.Actuator, ev.Type);
        }
    }

    [Fact]
    public async Task Create_WithoutAutoEvents_LeavesTheMappingsUnlinked()
    {
        var (host, callers) = await ArrangeAsync();
        var name = PluginData.UniqueName("Manual");
        var events = await host.CountAsync<Event>();

        var id = await CreateInstanceAsync(host, callers.AdminToken, new { plugin_id = "simulated", instance_name = name, auto_create_events = false, enabled = false }, name);

        var instance = await host.FindInstanceAsync(id);
        Assert.Equal(9, instance!.ChannelMappings.Count);
        Assert.All(instance.ChannelMappings, m => Assert.Null(m.EventId));
        Assert.False(instance.Enabled);
        Assert.Equal(events, await host.CountAsync<Event>());
    }

    [Fact]
    public async Task Create_EventOfThatNameExists_IsReused()
    {
        var (host, callers) = await ArrangeAsync();
        var name = PluginData.UniqueName("Reuse");
        var existing = await host.InsertEventAsync($"{name} {EnDash} Temperature Reactor");
        var events = await host.CountAsync<Event>();

        var id = await CreateInstanceAsync(host, callers.Admin, new { plugin_id = "simulated", instance_name = name }, name);

        var instance = await host.FindInstanceAsync(id);
        Assert.Equal(existing.Id, instance!.ChannelMappings.Single(m => m.ChannelId == "temp_reactor").EventId);
        Assert.Equal(events + 8, await host.CountAsync<Event>());
    }

    [Fact]
    public async Task Create_ConfigAndDemoMode_ArePassedToTheCatalogue()
    {
        var (host, callers) = await ArrangeAsync();
        var name = PluginData.UniqueName("Configured");
        var config = """{"channels":[{"id":"rw","name":"Read Write","direction":"bidirectional","unit":"bar","min":-1.5,"max":2.5}]}""";

        var id = await CreateInstanceAsync(host, callers.Admin, new { plugin_id = "configurable", instance_name = name, demo_mode = true, config_json = config }, name);

        Assert.Equal(("configurable", config, true), Hosts.Catalog.LastDiscovery);
        var instance = await host.FindInstanceAsync(id);
        Assert.Equal(["rw", "demo"], instance!.ChannelMappings.OrderBy(m => m.Id).Select(m => m.ChannelId));
        Assert.Equal(config, instance.ConfigJson);
        Assert.True(instance.DemoMode);
        var ev = await host.FindEventAsync($"{name} {EnDash} Read Write");
        Assert.Equal((EventType.Range, -1.5, 2.5, "bar"), (ev!.Type, ev.MinValue, ev.MaxValue, ev.Unit));
    }

    [Theory]
    [InlineData("unknown-plugin")]
    [InlineData("broken")]
    public async Task Create_UnknownOrFailingPlugin_CreatesTheInstanceWithoutMappings(string pluginId)
    {
        var (host, callers) = await ArrangeAsync();
        var name = PluginData.UniqueName("Empty");

        var id = await CreateInstanceAsync(host, callers.Admin, new { plugin_id = pluginId, instance_name = name }, name);

        Assert.Empty((await GetInstanceAsync(callers.Admin, id)).GetProperty("channel_mappings").EnumerateArray());
    }

    [Fact]
    public async Task Create_ChannelsThatCannotBeStored_AreSkipped()
    {
        var (host, callers) = await ArrangeAsync();
        var name = PluginData.UniqueName("Sloppy");

        var id = await CreateInstanceAsync(host, callers.Admin, new { plugin_id = "sloppy", instance_name = name }, name);

        var instance = await host.FindInstanceAsync(id);
        Assert.Equal(["ok", "ok2"], instance!.ChannelMappings.OrderBy(m => m.Id).Select(m => m.ChannelId));
        Assert.Equal("Okay", instance.ChannelMappings.Single(m => m.ChannelId == "ok").ChannelName);
    }

    [Fact]
    public async Task Create_SameInstanceNameTwice_Returns409()
    {
        var (host, callers) = await ArrangeAsync();
        var name = PluginData.UniqueName("Twice");
        await CreateInstanceAsync(host, callers.Admin, new { plugin_id = "system", instance_name = name }, name);

        using var second = await callers.Admin.PostRawJsonAsync(Path, JsonSerializer.Serialize(new { plugin_id = "simulated", instance_name = name }));

        await second.AssertErrorAsync(HttpStatusCode.Conflict, "Plugin instance already exists.");
    }

    [Theory]
    [InlineData("{}", new[] { "body/plugin_id", "body/instance_name" })]
    [InlineData("{\"plugin_id\":\"\",\"instance_name\":\"x\"}", new[] { "body/plugin_id" })]
    [InlineData("{\"plugin_id\":\"p\",\"instance_name\":\"\"}", new[] { "body/instance_name" })]
    [InlineData("{\"plugin_id\":\"p\",\"instance_name\":\"x\",\"demo_mode\":null}", new[] { "body/demo_mode" })]
    [InlineData("{\"plugin_id\":\"p\",\"instance_name\":\"x\",\"enabled\":\"maybe\"}", new[] { "body/enabled" })]
    [InlineData("{\"plugin_id\":\"p\",\"instance_name\":\"x\",\"auto_create_events\":null}", new[] { "body/auto_create_events" })]
    [InlineData("{\"plugin_id\":\"p\",\"instance_name\":\"x\",\"config_json\":{}}", new[] { "body/config_json" })]
    public async Task Create_InvalidBody_Returns422AtTheFields(string json, string[] locations)
    {
        var (_, callers) = await ArrangeAsync();

        using var response = await callers.Admin.PostRawJsonAsync(Path, json);

        Assert.Equal(locations, await response.ValidationLocationsAsync());
    }

    [Fact]
    public async Task Create_TooLongIds_Return422()
    {
        var (_, callers) = await ArrangeAsync();

        using var response = await callers.Admin.PostRawJsonAsync(Path, JsonSerializer.Serialize(new { plugin_id = new string('p', 101), instance_name = new string('i', 256) }));

        Assert.Equal(["body/plugin_id", "body/instance_name"], await response.ValidationLocationsAsync());
    }

    [Fact]
    public async Task List_Pagination_FollowsTheConventionsAndIncludesMappings()
    {
        var (host, callers) = await ArrangeAsync();
        var instance = await host.InsertInstanceAsync("x", "y");

        await RouteChecks.AssertPaginationAsync(callers.ViewerClient, Path, host.CountAsync<PluginInstance>);

        var listed = new List<JsonElement>();
        for (var page = 1; listed.Count == 0 || listed.Count % 100 == 0; page++)
        {
            using var response = await callers.ViewerClient.GetAsync($"{Path}?page={page}&page_size=100", Ct);
            var data = (await response.ReadOkAsync()).GetProperty("data").EnumerateArray().ToList();
            listed.AddRange(data);
            if (data.Count < 100)
            {
                break;
            }
        }

        var item = listed.Single(i => i.GetProperty("public_id").GetString() == instance.PublicId.ToString());
        Assert.Equal(InstanceKeys, PropertyNames(item));
        Assert.Equal(["x", "y"], item.GetProperty("channel_mappings").EnumerateArray().Select(m => m.GetProperty("channel_id").GetString()));
    }

    [Theory]
    [InlineData("unknown")]
    [InlineData("00000000-0000-0000-0000-000000000000")]
    public async Task Get_UnknownInstance_Returns404WithTheNonGenericText(string id)
    {
        var (_, callers) = await ArrangeAsync();

        using var get = await callers.ViewerClient.GetAsync($"{Path}/{id}", Ct);
        using var channels = await callers.ViewerClient.GetAsync($"{Path}/{id}/channels", Ct);

        await get.AssertErrorAsync(HttpStatusCode.NotFound, "Plugin instance not found.");
        await channels.AssertErrorAsync(HttpStatusCode.NotFound, $"Plugin instance '{id}' not found.");
    }
}
