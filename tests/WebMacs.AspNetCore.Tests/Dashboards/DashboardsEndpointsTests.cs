using System.Net;
using System.Text.Json;
using WebMacs.AspNetCore.Tests.Support;
using WebMacs.Domain;
using WebMacs.Testing.Hosting;
using static WebMacs.AspNetCore.Tests.Support.Http;

namespace WebMacs.AspNetCore.Tests.Dashboards;

/// <summary>Routes 59–63 (reference §4.3, §10 items 73–75) over real sockets; run once per store by the subclasses.</summary>
public abstract partial class DashboardsEndpointsTests(WebMacsHosts hosts, TestStore store)
{
    private const string Path = "/api/v1/dashboards";

    private static readonly string[] DashboardKeys = ["created_on", "is_global", "name", "public_id", "user_public_id", "widgets"];

    private async Task<(WebMacsTestHost Host, RouteCallers Callers)> ArrangeAsync()
    {
        var host = await hosts.GetAsync(store);
        return (host, await RouteCallers.ForAsync(host));
    }

    private static async Task<JsonElement> CreateDashboardAsync(HttpClient client, string? name = null, bool isGlobal = false)
    {
        using var response = await client.PostRawJsonAsync(Path, JsonSerializer.Serialize(new { name = name ?? DashboardData.UniqueName("board"), is_global = isGlobal }));
        return await response.ReadOkAsync(HttpStatusCode.Created);
    }

    private static string IdOf(JsonElement body) => body.GetProperty("public_id").GetString()!;

    [Fact]
    public async Task Create_Operator_Returns201WithTheFullDashboard()
    {
        var (host, callers) = await ArrangeAsync();
        var name = DashboardData.UniqueName("Reactor overview");

        using var response = await callers.OperatorClient.PostRawJsonAsync(Path, JsonSerializer.Serialize(new { name }));

        var body = await response.ReadOkAsync(HttpStatusCode.Created);
        Assert.Equal(DashboardKeys, PropertyNames(body));
        Assert.Equal(name, body.GetProperty("name").GetString());
        Assert.False(body.GetProperty("is_global").GetBoolean());
        Assert.Empty(body.GetProperty("widgets").EnumerateArray());
        Assert.Equal((await host.GetUserPublicIdAsync(callers.Operator.Id)).ToString(), body.GetProperty("user_public_id").GetString());
        Assert.EndsWith("Z", body.GetProperty("created_on").GetString(), StringComparison.Ordinal);
        var stored = await host.FindDashboardAsync(Guid.Parse(IdOf(body)));
        Assert.NotNull(stored);
        Assert.Equal(callers.Operator.Id, stored.UserId);

        using var get = await callers.OperatorClient.GetAsync($"{Path}/{IdOf(body)}", Ct);
        Assert.Equal(body.ToString(), (await get.ReadOkAsync()).ToString());
    }

    [Fact]
    public async Task Create_GlobalByApiToken_IsStoredAsGlobal()
    {
        var (host, callers) = await ArrangeAsync();

        var body = await CreateDashboardAsync(callers.OperatorToken, isGlobal: true);

        Assert.True(body.GetProperty("is_global").GetBoolean());
        Assert.True((await host.FindDashboardAsync(Guid.Parse(IdOf(body))))!.IsGlobal);
    }

    [Theory]
    [InlineData("{}", "body/name")]
    [InlineData("{\"name\":\"\"}", "body/name")]
    [InlineData("{\"name\":null}", "body/name")]
    [InlineData("{\"name\":\"ok\",\"is_global\":null}", "body/is_global")]
    [InlineData("{\"name\":\"ok\",\"is_global\":\"perhaps\"}", "body/is_global")]
    public async Task Create_InvalidBody_Returns422AtTheField(string json, string location)
    {
        var (_, callers) = await ArrangeAsync();

        using var response = await callers.OperatorClient.PostRawJsonAsync(Path, json);

        Assert.Contains(location, await response.ValidationLocationsAsync());
    }

    [Fact]
    public async Task Create_NameOf256Characters_Returns422AndOf255Returns201()
    {
        var (_, callers) = await ArrangeAsync();

        using var tooLong = await callers.OperatorClient.PostRawJsonAsync(Path, JsonSerializer.Serialize(new { name = new string('n', 256) }));
        using var longest = await callers.OperatorClient.PostRawJsonAsync(Path, JsonSerializer.Serialize(new { name = new string('n', 255) }));

        Assert.Equal("string_too_long", (await tooLong.AssertValidationErrorAsync())[0].GetProperty("type").GetString());
        Assert.Equal(HttpStatusCode.Created, longest.StatusCode);
    }

    [Fact]
    public async Task Routes_RoleGuards_MatchTheContract()
    {
        var (_, callers) = await ArrangeAsync();
        var id = IdOf(await CreateDashboardAsync(callers.Admin, isGlobal: true));

        await RouteChecks.AssertRoleGuardAsync(callers, HttpMethod.Get, Path, UserRole.Viewer);
        await RouteChecks.AssertRoleGuardAsync(callers, HttpMethod.Post, Path, UserRole.Operator, "{\"name\":\"\"}");
        await RouteChecks.AssertRoleGuardAsync(callers, HttpMethod.Get, $"{Path}/{id}", UserRole.Viewer);
        await RouteChecks.AssertRoleGuardAsync(callers, HttpMethod.Put, $"{Path}/{id}", UserRole.Operator, "{\"name\":5}");
        await RouteChecks.AssertRoleGuardAsync(callers, HttpMethod.Delete, $"{Path}/{Guid.NewGuid()}", UserRole.Operator);
        await RouteChecks.AssertRoleGuardAsync(callers, HttpMethod.Post, $"{Path}/{id}/widgets", UserRole.Operator, "{}");
        await RouteChecks.AssertRoleGuardAsync(callers, HttpMethod.Put, $"{Path}/{id}/widgets/{Guid.NewGuid()}", UserRole.Operator, "{\"w\":0}");
        await RouteChecks.AssertRoleGuardAsync(callers, HttpMethod.Delete, $"{Path}/{Guid.NewGuid()}/widgets/{Guid.NewGuid()}", UserRole.Operator);
    }

    [Fact]
    public async Task List_Viewer_SeesOwnAndGlobalButNotOthersPrivate()
    {
        var (_, callers) = await ArrangeAsync();
        var privateBoard = IdOf(await CreateDashboardAsync(callers.OperatorClient));
        var globalBoard = IdOf(await CreateDashboardAsync(callers.OperatorClient, isGlobal: true));

        var viewerIds = await ListIdsAsync(callers.ViewerClient);
        var ownerIds = await ListIdsAsync(callers.OperatorClient);

        Assert.Contains(globalBoard, viewerIds);
        Assert.DoesNotContain(privateBoard, viewerIds);
        Assert.Contains(privateBoard, ownerIds);
        Assert.True(ownerIds.IndexOf(globalBoard) < ownerIds.IndexOf(privateBoard), "Newest first: the global board was created last.");
    }

    [Fact]
    public async Task List_Admin_DoesNotSeeOthersPrivateDashboards()
    {
        var (_, callers) = await ArrangeAsync();
        var privateBoard = IdOf(await CreateDashboardAsync(callers.OperatorClient));

        Assert.DoesNotContain(privateBoard, await ListIdsAsync(callers.Admin));
    }

    [Fact]
    public async Task List_NewestFirstWithWidgets_InCreationOrder()
    {
        var (_, callers) = await ArrangeAsync();
        var first = IdOf(await CreateDashboardAsync(callers.OperatorClient));
        var second = IdOf(await CreateDashboardAsync(callers.OperatorClient));
        var titles = new[] { "c", "a", "b" };
        foreach (var title in titles)
        {
            using var added = await callers.OperatorClient.PostRawJsonAsync($"{Path}/{second}/widgets", JsonSerializer.Serialize(new { widget_type = "gauge", title }));
            Assert.Equal(HttpStatusCode.Created, added.StatusCode);
        }

        using var response = await callers.OperatorClient.GetAsync($"{Path}?page_size=100", Ct);
        var data = (await response.ReadOkAsync()).GetProperty("data").EnumerateArray().ToList();

        var ids = data.Select(IdOf).ToList();
        Assert.True(ids.IndexOf(second) < ids.IndexOf(first));
        var listed = data.Single(d => IdOf(d) == second);
        Assert.Equal(DashboardKeys, PropertyNames(listed));
        Assert.Equal(titles, listed.GetProperty("widgets").EnumerateArray().Select(w => w.GetProperty("title").GetString()));
    }

    [Fact]
    public async Task List_Pagination_FollowsTheConventions()
    {
        var (host, callers) = await ArrangeAsync();
        await CreateDashboardAsync(callers.OperatorClient, isGlobal: true);

        await RouteChecks.AssertPaginationAsync(callers.ViewerClient, Path, () => host.CountVisibleDashboardsAsync(callers.Viewer.Id));
        await RouteChecks.AssertPaginationAsync(callers.OperatorToken, Path, () => host.CountVisibleDashboardsAsync(callers.Operator.Id));
    }

    [Fact]
    public async Task Get_OthersPrivateDashboard_Returns403EvenForAdmin()
    {
        var (_, callers) = await ArrangeAsync();
        var id = IdOf(await CreateDashboardAsync(callers.OperatorClient));

        using var viewer = await callers.ViewerClient.GetAsync($"{Path}/{id}", Ct);
        using var admin = await callers.Admin.GetAsync($"{Path}/{id}", Ct);

        await viewer.AssertErrorAsync(HttpStatusCode.Forbidden, "Not allowed.");
        await admin.AssertErrorAsync(HttpStatusCode.Forbidden, "Not allowed.");
    }

    [Theory]
    [InlineData("unknown")]
    [InlineData("00000000-0000-0000-0000-000000000000")]
    public async Task Get_UnknownId_Returns404WithTheId(string id)
    {
        var (_, callers) = await ArrangeAsync();

        using var response = await callers.ViewerClient.GetAsync($"{Path}/{id}", Ct);

        await response.AssertErrorAsync(HttpStatusCode.NotFound, $"Dashboard '{id}' not found.");
    }

    [Fact]
    public async Task Update_OwnerMakesItGlobal_OtherUsersCanSeeIt()
    {
        var (_, callers) = await ArrangeAsync();
        var id = IdOf(await CreateDashboardAsync(callers.OperatorClient));
        using (var before = await callers.ViewerClient.GetAsync($"{Path}/{id}", Ct))
        {
            await before.AssertErrorAsync(HttpStatusCode.Forbidden, "Not allowed.");
        }

        using var update = await callers.OperatorClient.SendJsonAsync(HttpMethod.Put, $"{Path}/{id}", "{\"is_global\":true}");

        await update.AssertSuccessAsync(HttpStatusCode.OK, "Dashboard successfully updated.");
        using var after = await callers.ViewerClient.GetAsync($"{Path}/{id}", Ct);
        Assert.True((await after.ReadOkAsync()).GetProperty("is_global").GetBoolean());
        Assert.Contains(id, await ListIdsAsync(callers.ViewerClient));
    }

    private static async Task<List<string>> ListIdsAsync(HttpClient client)
    {
        var ids = new List<string>();
        for (var page = 1; ; page++)
        {
            using var response = await client.GetAsync($"{Path}?page={page}&page_size=100", Ct);
            var data = (await response.ReadOkAsync()).GetProperty("data").EnumerateArray().Select(IdOf).ToList();
            ids.AddRange(data);
            if (data.Count < 100)
            {
                return ids;
            }
        }
    }
}
