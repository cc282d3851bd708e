using System.Net;
using WebMacs.AspNetCore.Tests.Support;
using static WebMacs.AspNetCore.Tests.Support.Http;

namespace WebMacs.AspNetCore.Tests.Dashboards;

// Routes 62–63: the owner check (owner or admin, after the 404), partial updates and deletion.
public abstract partial class DashboardsEndpointsTests
{
    [Fact]
    public async Task Update_Owner_AppliesOnlyTheSentFields()
    {
        var (host, callers) = await ArrangeAsync();
        var id = IdOf(await CreateDashboardAsync(callers.OperatorClient, "before", isGlobal: true));

        using var response = await callers.OperatorClient.SendJsonAsync(HttpMethod.Put, $"{Path}/{id}", "{\"name\":\"after\",\"unknown\":1}");

        await response.AssertSuccessAsync(HttpStatusCode.OK, "Dashboard successfully updated.");
        var stored = await host.FindDashboardAsync(Guid.Parse(id));
        Assert.Equal("after", stored!.Name);
        Assert.True(stored.IsGlobal);
    }

    [Fact]
    public async Task Update_EmptyName_IsAllowedAsInTheOriginal()
    {
        var (host, callers) = await ArrangeAsync();
        var id = IdOf(await CreateDashboardAsync(callers.OperatorClient));

        using var response = await callers.OperatorClient.SendJsonAsync(HttpMethod.Put, $"{Path}/{id}", "{\"name\":\"\"}");

        await response.AssertSuccessAsync(HttpStatusCode.OK, "Dashboard successfully updated.");
        Assert.Equal(string.Empty, (await host.FindDashboardAsync(Guid.Parse(id)))!.Name);
    }

    [Fact]
    public async Task Update_NonOwnerOperator_Returns403AndAdminMayUpdate()
    {
        var (host, callers) = await ArrangeAsync();
        var id = IdOf(await CreateDashboardAsync(callers.Admin, "admin board", isGlobal: true));

        using var denied = await callers.OperatorClient.SendJsonAsync(HttpMethod.Put, $"{Path}/{id}", "{\"name\":\"taken\"}");
        await denied.AssertErrorAsync(HttpStatusCode.Forbidden, "Not allowed.");
        Assert.Equal("admin board", (await host.FindDashboardAsync(Guid.Parse(id)))!.Name);

        var operatorBoard = IdOf(await CreateDashboardAsync(callers.OperatorClient));
        using var admin = await callers.AdminToken.SendJsonAsync(HttpMethod.Put, $"{Path}/{operatorBoard}", "{\"name\":\"by admin\"}");
        await admin.AssertSuccessAsync(HttpStatusCode.OK, "Dashboard successfully updated.");
        Assert.Equal("by admin", (await host.FindDashboardAsync(Guid.Parse(operatorBoard)))!.Name);
    }

    [Fact]
    public async Task Update_UnknownId_Returns404BeforeTheOwnerCheck()
    {
        var (_, callers) = await ArrangeAsync();

        using var response = await callers.OperatorClient.SendJsonAsync(HttpMethod.Put, $"{Path}/nope", "{\"name\":\"x\"}");

        await response.AssertErrorAsync(HttpStatusCode.NotFound, "Dashboard 'nope' not found.");
    }

    [Theory]
    [InlineData("{\"name\":null}")]
    [InlineData("{\"is_global\":null}")]
    public async Task Update_ExplicitNullOnNotNullColumn_Returns409AndChangesNothing(string json)
    {
        var (host, callers) = await ArrangeAsync();
        var id = IdOf(await CreateDashboardAsync(callers.OperatorClient, "kept"));

        using var response = await callers.OperatorClient.SendJsonAsync(HttpMethod.Put, $"{Path}/{id}", json);

        await response.AssertErrorAsync(HttpStatusCode.Conflict, "Dashboard already exists.");
        Assert.Equal("kept", (await host.FindDashboardAsync(Guid.Parse(id)))!.Name);
    }

    [Theory]
    [InlineData("{\"name\":5}", "body/name")]
    [InlineData("{\"is_global\":\"perhaps\"}", "body/is_global")]
    public async Task Update_InvalidField_Returns422(string json, string location)
    {
        var (_, callers) = await ArrangeAsync();
        var id = IdOf(await CreateDashboardAsync(callers.OperatorClient));

        using var response = await callers.OperatorClient.SendJsonAsync(HttpMethod.Put, $"{Path}/{id}", json);

        Assert.Contains(location, await response.ValidationLocationsAsync());
    }

    [Fact]
    public async Task Update_NameOf256Characters_Returns422()
    {
        var (_, callers) = await ArrangeAsync();
        var id = IdOf(await CreateDashboardAsync(callers.OperatorClient));

        using var response = await callers.OperatorClient.SendJsonAsync(HttpMethod.Put, $"{Path}/{id}", $"{{\"name\":\"{new string('n', 256)}\"}}");

        Assert.Equal(["body/name"], await response.ValidationLocationsAsync());
    }

    [Fact]
    public async Task Delete_Owner_RemovesTheDashboardAndItsWidgets()
    {
        var (host, callers) = await ArrangeAsync();
        var id = IdOf(await CreateDashboardAsync(callers.OperatorClient));
        using (var widget = await callers.OperatorClient.PostRawJsonAsync($"{Path}/{id}/widgets", "{\"widget_type\":\"stat_card\",\"title\":\"t\"}"))
        {
            Assert.Equal(HttpStatusCode.Created, widget.StatusCode);
        }

        using var response = await callers.OperatorClient.DeleteAsync($"{Path}/{id}", Ct);

        await response.AssertSuccessAsync(HttpStatusCode.OK, "Dashboard successfully deleted.");
        Assert.Null(await host.FindDashboardAsync(Guid.Parse(id)));
        var dashboardId = Guid.Parse(id);
        Assert.Equal(0, await host.WithDbAsync(db => Task.FromResult(db.DashboardWidgets.Count(w => w.Dashboard!.PublicId == dashboardId))));
        using var again = await callers.OperatorClient.DeleteAsync($"{Path}/{id}", Ct);
        await again.AssertErrorAsync(HttpStatusCode.NotFound, $"Dashboard '{id}' not found.");
    }

    [Fact]
    public async Task Delete_NonOwner_Returns403AndAdminMayDelete()
    {
        var (host, callers) = await ArrangeAsync();
        var id = IdOf(await CreateDashboardAsync(callers.OperatorClient, isGlobal: true));
        var otherOperator = host.CreateClient((await host.CreateUserAsync(Domain.UserRole.Operator)).Token);

        using var denied = await otherOperator.DeleteAsync($"{Path}/{id}", Ct);
        await denied.AssertErrorAsync(HttpStatusCode.Forbidden, "Not allowed.");
        Assert.NotNull(await host.FindDashboardAsync(Guid.Parse(id)));

        using var admin = await callers.Admin.DeleteAsync($"{Path}/{id}", Ct);
        await admin.AssertSuccessAsync(HttpStatusCode.OK, "Dashboard successfully deleted.");
        Assert.Null(await host.FindDashboardAsync(Guid.Parse(id)));
    }

    [Fact]
    public async Task Writes_MalformedBodies_AlwaysAnswer4xx()
    {
        var (host, callers) = await ArrangeAsync();
        var id = IdOf(await CreateDashboardAsync(callers.OperatorClient));
        using var added = await callers.OperatorClient.PostRawJsonAsync($"{Path}/{id}/widgets", "{\"widget_type\":\"gauge\",\"title\":\"t\"}");
        var widget = IdOf(await added.ReadOkAsync(HttpStatusCode.Created));

        await RouteChecks.AssertMalformedBodiesRefusedAsync(host, callers.OperatorClient, HttpMethod.Post, Path,
            new("name", WriteFuzz.Kind.BoundedString, "\"n\""), new("is_global", WriteFuzz.Kind.Bool, "false"));
        await RouteChecks.AssertMalformedBodiesRefusedAsync(host, callers.OperatorClient, HttpMethod.Put, $"{Path}/{id}",
            new("name", WriteFuzz.Kind.BoundedString, "\"n\""), new("is_global", WriteFuzz.Kind.Bool, "false"));
        await RouteChecks.AssertMalformedBodiesRefusedAsync(host, callers.OperatorClient, HttpMethod.Post, $"{Path}/{id}/widgets",
            new("widget_type", WriteFuzz.Kind.Enum, "\"gauge\""), new("title", WriteFuzz.Kind.BoundedString, "\"t\""),
            new("event_public_id", WriteFuzz.Kind.NullableString, "null"), new("x", WriteFuzz.Kind.Int, "0"), new("y", WriteFuzz.Kind.Int, "0"),
            new("w", WriteFuzz.Kind.Int, "4"), new("h", WriteFuzz.Kind.Int, "3"), new("config_json", WriteFuzz.Kind.NullableString, "null"));
        await RouteChecks.AssertMalformedBodiesRefusedAsync(host, callers.OperatorClient, HttpMethod.Put, $"{Path}/{id}/widgets/{widget}",
            new("title", WriteFuzz.Kind.BoundedString, "\"t\""), new("event_public_id", WriteFuzz.Kind.NullableString, "null"),
            new("x", WriteFuzz.Kind.Int, "1"), new("w", WriteFuzz.Kind.Int, "2"), new("config_json", WriteFuzz.Kind.NullableString, "\"{}\""));
    }
}
