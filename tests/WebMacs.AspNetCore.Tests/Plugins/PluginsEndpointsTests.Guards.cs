using WebMacs.AspNetCore.Tests.Dashboards;
using WebMacs.Domain;

namespace WebMacs.AspNetCore.Tests.Plugins;

// The role guards of every plugin route and the bounded fuzz of every plugin write route.
public abstract partial class PluginsEndpointsTests
{
    [Fact]
    public async Task Routes_RoleGuards_MatchTheContract()
    {
        var (host, callers) = await ArrangeAsync();
        var instance = await host.InsertInstanceAsync("a");
        var mapping = instance.ChannelMappings[0].PublicId;

        await RouteChecks.AssertRoleGuardAsync(callers, HttpMethod.Get, $"{Path}/available", UserRole.Viewer);
        await RouteChecks.AssertRoleGuardAsync(callers, HttpMethod.Get, $"{Path}/packages", UserRole.Viewer);
        await RouteChecks.AssertRoleGuardAsync(callers, HttpMethod.Post, $"{Path}/packages/upload", UserRole.Admin, "{}");
        await RouteChecks.AssertRoleGuardAsync(callers, HttpMethod.Delete, $"{Path}/packages/{Guid.NewGuid()}", UserRole.Admin);
        await RouteChecks.AssertRoleGuardAsync(callers, HttpMethod.Get, $"{Path}/packages/{Guid.NewGuid()}/download", UserRole.Viewer);
        await RouteChecks.AssertRoleGuardAsync(callers, HttpMethod.Get, Path, UserRole.Viewer);
        await RouteChecks.AssertRoleGuardAsync(callers, HttpMethod.Post, Path, UserRole.Admin, "{}");
        await RouteChecks.AssertRoleGuardAsync(callers, HttpMethod.Get, $"{Path}/{instance.PublicId}", UserRole.Viewer);
        await RouteChecks.AssertRoleGuardAsync(callers, HttpMethod.Put, $"{Path}/{instance.PublicId}", UserRole.Admin, "{\"enabled\":\"x\"}");
        await RouteChecks.AssertRoleGuardAsync(callers, HttpMethod.Delete, $"{Path}/{Guid.NewGuid()}", UserRole.Admin);
        await RouteChecks.AssertRoleGuardAsync(callers, HttpMethod.Get, $"{Path}/{instance.PublicId}/channels", UserRole.Viewer);
        await RouteChecks.AssertRoleGuardAsync(callers, HttpMethod.Post, $"{Path}/{instance.PublicId}/channels", UserRole.Admin, "{}");
        await RouteChecks.AssertRoleGuardAsync(callers, HttpMethod.Put, $"{Path}/{instance.PublicId}/channels/{mapping}", UserRole.Admin, "{\"event_public_id\":5}");
        await RouteChecks.AssertRoleGuardAsync(callers, HttpMethod.Delete, $"{Path}/{instance.PublicId}/channels/{Guid.NewGuid()}", UserRole.Admin);
    }

    [Fact]
    public async Task Writes_MalformedBodies_AlwaysAnswer4xx()
    {
        var (host, callers) = await ArrangeAsync();
        var instance = await host.InsertInstanceAsync("fuzz");
        var mapping = instance.ChannelMappings[0].PublicId;

        await RouteChecks.AssertMalformedBodiesRefusedAsync(host, callers.Admin, HttpMethod.Post, Path,
            new("plugin_id", WriteFuzz.Kind.BoundedString, "\"p\""), new("instance_name", WriteFuzz.Kind.BoundedString, "\"x\""),
            new("demo_mode", WriteFuzz.Kind.Bool, "false"), new("enabled", WriteFuzz.Kind.Bool, "true"),
            new("auto_create_events", WriteFuzz.Kind.Bool, "true"), new("config_json", WriteFuzz.Kind.NullableString, "null"));
        await RouteChecks.AssertMalformedBodiesRefusedAsync(host, callers.Admin, HttpMethod.Put, $"{Path}/{instance.PublicId}",
            new("instance_name", WriteFuzz.Kind.BoundedString, "\"x\""), new("demo_mode", WriteFuzz.Kind.Bool, "false"),
            new("enabled", WriteFuzz.Kind.Bool, "true"), new("config_json", WriteFuzz.Kind.NullableString, "null"));
        await RouteChecks.AssertMalformedBodiesRefusedAsync(host, callers.Admin, HttpMethod.Post, $"{Path}/{instance.PublicId}/channels",
            new("channel_id", WriteFuzz.Kind.BoundedString, "\"c\""), new("channel_name", WriteFuzz.Kind.BoundedString, "\"n\""),
            new("direction", WriteFuzz.Kind.Enum, "\"input\""), new("unit", WriteFuzz.Kind.BoundedString, "\"V\""),
            new("event_public_id", WriteFuzz.Kind.NullableString, "null"));
        await RouteChecks.AssertMalformedBodiesRefusedAsync(host, callers.Admin, HttpMethod.Put, $"{Path}/{instance.PublicId}/channels/{mapping}",
            new WriteFuzz.Field("event_public_id", WriteFuzz.Kind.NullableString, "\"not-an-event\""));
    }
}
