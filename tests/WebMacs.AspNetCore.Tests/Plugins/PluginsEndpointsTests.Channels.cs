using System.Net;
using System.Text.Json;
using WebMacs.AspNetCore.Tests.Dashboards;
using WebMacs.AspNetCore.Tests.Support;
using WebMacs.Domain;
using static WebMacs.AspNetCore.Tests.Support.Http;

namespace WebMacs.AspNetCore.Tests.Plugins;

// Routes 76–79 with the compat fixes: duplicate channel_id → 409, unknown event → 404, mapping of another instance → 404.
public abstract partial class PluginsEndpointsTests
{
    private static string Channel(string id, object? eventId = null) =>
        JsonSerializer.Serialize(new { channel_id = id, channel_name = "Channel " + id, direction = "output", unit = "%", event_public_id = eventId });

    [Fact]
    public async Task Channels_List_ReturnsTheMappingsInCreationOrder()
    {
        var (host, callers) = await ArrangeAsync();
        var instance = await host.InsertInstanceAsync("b", "a", "c");

        using var response = await callers.ViewerToken.GetAsync($"{Path}/{instance.PublicId}/channels", Ct);

        var body = await response.ReadOkAsync();
        Assert.Equal(["b", "a", "c"], body.EnumerateArray().Select(m => m.GetProperty("channel_id").GetString()));
        Assert.Equal(MappingKeys, PropertyNames(body[0]));
        Assert.Equal(JsonValueKind.Null, body[0].GetProperty("event_public_id").ValueKind);
    }

    [Fact]
    public async Task Channels_Create_StoresTheMappingLinkedToTheEvent()
    {
        var (host, callers) = await ArrangeAsync();
        var instance = await host.InsertInstanceAsync();
        var ev = await host.InsertEventAsync();

        using var response = await callers.Admin.PostRawJsonAsync($"{Path}/{instance.PublicId}/channels", Channel("out1", ev.PublicId));

        await response.AssertSuccessAsync(HttpStatusCode.Created, "Channel mapping created.");
        var stored = (await host.FindInstanceAsync(instance.PublicId))!.ChannelMappings.Single();
        Assert.Equal(("out1", "Channel out1", ChannelDirection.Output, "%", ev.Id), (stored.ChannelId, stored.ChannelName, stored.Direction, stored.Unit, stored.EventId));
    }

    [Fact]
    public async Task Channels_CreateDuplicateChannelId_Returns409ButAnotherInstanceMayUseIt()
    {
        var (host, callers) = await ArrangeAsync();
        var first = await host.InsertInstanceAsync("dup");
        var second = await host.InsertInstanceAsync();

        using var duplicate = await callers.Admin.PostRawJsonAsync($"{Path}/{first.PublicId}/channels", Channel("dup"));
        using var elsewhere = await callers.Admin.PostRawJsonAsync($"{Path}/{second.PublicId}/channels", Channel("dup"));

        await duplicate.AssertErrorAsync(HttpStatusCode.Conflict, "Channel mapping already exists.");
        await elsewhere.AssertSuccessAsync(HttpStatusCode.Created, "Channel mapping created.");
        Assert.Single((await host.FindInstanceAsync(first.PublicId))!.ChannelMappings);
    }

    [Theory]
    [InlineData("6f1c1f8e-0000-4000-8000-000000000000")]
    [InlineData("nope")]
    [InlineData("")]
    public async Task Channels_CreateWithUnknownEvent_Returns404AndStoresNothing(string eventId)
    {
        var (host, callers) = await ArrangeAsync();
        var instance = await host.InsertInstanceAsync();

        using var response = await callers.Admin.PostRawJsonAsync($"{Path}/{instance.PublicId}/channels", Channel("c", eventId));

        await response.AssertErrorAsync(HttpStatusCode.NotFound, "Event not found.");
        Assert.Empty((await host.FindInstanceAsync(instance.PublicId))!.ChannelMappings);
    }

    [Theory]
    [InlineData("{}", new[] { "body/channel_id", "body/channel_name", "body/direction", "body/unit" })]
    [InlineData("{\"channel_id\":\"c\",\"channel_name\":\"n\",\"direction\":\"sideways\",\"unit\":\"V\"}", new[] { "body/direction" })]
    [InlineData("{\"channel_id\":\"\",\"channel_name\":\"n\",\"direction\":\"input\",\"unit\":\"V\"}", new[] { "body/channel_id" })]
    [InlineData("{\"channel_id\":\"c\",\"channel_name\":\"n\",\"direction\":\"input\",\"unit\":\"123456789012345678901234567890123456789012345678901\"}", new[] { "body/unit" })]
    public async Task Channels_CreateInvalidBody_Returns422(string json, string[] locations)
    {
        var (host, callers) = await ArrangeAsync();
        var instance = await host.InsertInstanceAsync();

        using var response = await callers.Admin.PostRawJsonAsync($"{Path}/{instance.PublicId}/channels", json);

        Assert.Equal(locations, await response.ValidationLocationsAsync());
    }

    [Fact]
    public async Task Channels_UnknownInstance_Returns404ForEveryWrite()
    {
        var (_, callers) = await ArrangeAsync();

        using var create = await callers.Admin.PostRawJsonAsync($"{Path}/nope/channels", Channel("c"));
        using var update = await callers.Admin.SendJsonAsync(HttpMethod.Put, $"{Path}/nope/channels/{Guid.NewGuid()}", "{}");
        using var delete = await callers.Admin.DeleteAsync($"{Path}/nope/channels/{Guid.NewGuid()}", Ct);

        foreach (var response in new[] { create, update, delete })
        {
            await response.AssertErrorAsync(HttpStatusCode.NotFound, "Plugin instance 'nope' not found.");
        }
    }

    [Fact]
    public async Task Channels_Update_LinksAndUnlinksTheEvent()
    {
        var (host, callers) = await ArrangeAsync();
        var instance = await host.InsertInstanceAsync("m");
        var mapping = instance.ChannelMappings[0].PublicId;
        var ev = await host.InsertEventAsync();
        var path = $"{Path}/{instance.PublicId}/channels/{mapping}";

        using var link = await callers.Admin.SendJsonAsync(HttpMethod.Put, path, JsonSerializer.Serialize(new { event_public_id = ev.PublicId }));
        await link.AssertSuccessAsync(HttpStatusCode.OK, "Channel mapping successfully updated.");
        Assert.Equal(ev.Id, (await host.FindMappingAsync(mapping))!.EventId);

        using var untouched = await callers.Admin.SendJsonAsync(HttpMethod.Put, path, "{}");
        await untouched.AssertSuccessAsync(HttpStatusCode.OK, "Channel mapping successfully updated.");
        Assert.Equal(ev.Id, (await host.FindMappingAsync(mapping))!.EventId);

        using var unlink = await callers.Admin.SendJsonAsync(HttpMethod.Put, path, "{\"event_public_id\":null}");
        await unlink.AssertSuccessAsync(HttpStatusCode.OK, "Channel mapping successfully updated.");
        Assert.Null((await host.FindMappingAsync(mapping))!.EventId);
    }

    [Fact]
    public async Task Channels_UpdateErrors_AreNotFoundOrValidation()
    {
        var (host, callers) = await ArrangeAsync();
        var instance = await host.InsertInstanceAsync("m");
        var other = await host.InsertInstanceAsync("o");
        var mapping = instance.ChannelMappings[0].PublicId;
        var foreign = other.ChannelMappings[0].PublicId;

        using var unknownEvent = await callers.Admin.SendJsonAsync(HttpMethod.Put, $"{Path}/{instance.PublicId}/channels/{mapping}", $"{{\"event_public_id\":\"{Guid.NewGuid()}\"}}");
        using var wrongInstance = await callers.Admin.SendJsonAsync(HttpMethod.Put, $"{Path}/{instance.PublicId}/channels/{foreign}", "{\"event_public_id\":null}");
        using var unknownMapping = await callers.Admin.SendJsonAsync(HttpMethod.Put, $"{Path}/{instance.PublicId}/channels/nope", "{}");
        using var invalid = await callers.Admin.SendJsonAsync(HttpMethod.Put, $"{Path}/{instance.PublicId}/channels/{mapping}", "{\"event_public_id\":5}");

        await unknownEvent.AssertErrorAsync(HttpStatusCode.NotFound, "Event not found.");
        await wrongInstance.AssertErrorAsync(HttpStatusCode.NotFound, $"Channel mapping '{foreign}' not found.");
        await unknownMapping.AssertErrorAsync(HttpStatusCode.NotFound, "Channel mapping 'nope' not found.");
        Assert.Equal(["body/event_public_id"], await invalid.ValidationLocationsAsync());
    }

    [Fact]
    public async Task Channels_Delete_RemovesOnlyAMappingOfThatInstance()
    {
        var (host, callers) = await ArrangeAsync();
        var instance = await host.InsertInstanceAsync("m");
        var other = await host.InsertInstanceAsync("o");
        var mapping = instance.ChannelMappings[0].PublicId;
        var foreign = other.ChannelMappings[0].PublicId;

        using var wrongInstance = await callers.Admin.DeleteAsync($"{Path}/{instance.PublicId}/channels/{foreign}", Ct);
        using var deleted = await callers.AdminToken.DeleteAsync($"{Path}/{instance.PublicId}/channels/{mapping}", Ct);
        using var again = await callers.Admin.DeleteAsync($"{Path}/{instance.PublicId}/channels/{mapping}", Ct);

        await wrongInstance.AssertErrorAsync(HttpStatusCode.NotFound, $"Channel mapping '{foreign}' not found.");
        Assert.NotNull(await host.FindMappingAsync(foreign));
        await deleted.AssertSuccessAsync(HttpStatusCode.OK, "Channel mapping successfully deleted.");
        await again.AssertErrorAsync(HttpStatusCode.NotFound, $"Channel mapping '{mapping}' not found.");
        Assert.Null(await host.FindMappingAsync(mapping));
    }
}
