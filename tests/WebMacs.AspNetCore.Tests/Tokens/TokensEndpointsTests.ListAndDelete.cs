using System.Net;
using Microsoft.EntityFrameworkCore;
using WebMacs.AspNetCore.Tests.Events;
using WebMacs.AspNetCore.Tests.Support;
using WebMacs.Domain;
using static WebMacs.AspNetCore.Tests.Support.Http;

namespace WebMacs.AspNetCore.Tests.Tokens;

public abstract partial class TokensEndpointsTests
{
    [Fact]
    public async Task List_NonAdmin_SeesOnlyOwnTokensNewestFirst()
    {
        var (host, callers) = await ArrangeAsync();
        var user = await host.CreateUserAsync(UserRole.Operator);
        using var client = host.CreateClient(user.Token);
        await host.CreateApiTokenAsync(callers.Viewer.Email);
        foreach (var name in new[] { "first", "second", "third" })
        {
            using var created = await client.PostRawJsonAsync(Path, $$"""{"name":"{{name}}"}""");
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        }

        using var response = await client.GetAsync(Path, Ct);

        var body = await response.ReadJsonAsync();
        Assert.Equal(3, body.GetProperty("total").GetInt32());
        var items = body.GetProperty("data").EnumerateArray().ToList();
        Assert.Equal(["third", "second", "first"], items.Select(i => i.GetProperty("name").GetString()));
        var owner = (await host.GetUserPublicIdAsync(user.Id)).ToString();
        Assert.All(items, i =>
        {
            Assert.Equal(["created_at", "expires_at", "last_used_at", "name", "public_id", "user_public_id"], PropertyNames(i));
            Assert.Equal(owner, i.GetProperty("user_public_id").GetString());
        });
    }

    [Fact]
    public async Task List_Admin_SeesEveryUsersTokensWithTheirOwners()
    {
        var (host, callers) = await ArrangeAsync();
        var user = await host.CreateUserAsync(UserRole.Viewer);
        await host.CreateApiTokenAsync(user.Email);
        var total = await host.CountAsync<ApiToken>();
        var owner = (await host.GetUserPublicIdAsync(user.Id)).ToString();

        var all = await ListAllAsync(callers.Admin, Path);

        Assert.Equal(total, all.Count);
        var item = Assert.Single(all, i => i.GetProperty("user_public_id").GetString() == owner);
        Assert.Equal("test", item.GetProperty("name").GetString());
        Assert.True(all.Select(i => i.GetProperty("user_public_id").GetString()).Distinct().Count() >= 3);
    }

    [Fact]
    public async Task List_PageBounds_FollowTheContract()
    {
        var (host, callers) = await ArrangeAsync();

        await AssertPaginationAsync(callers.Admin, Path, host.CountAsync<ApiToken>);
        await AssertPaginationAsync(callers.ViewerClient, Path,
            () => host.WithDbAsync(db => db.ApiTokens.CountAsync(t => t.UserId == callers.Viewer.Id, Ct)));
    }

    [Fact]
    public async Task Delete_OwnToken_Returns200AndTheTokenStopsWorking()
    {
        var (host, _) = await ArrangeAsync();
        var user = await host.CreateUserAsync(UserRole.Viewer);
        var token = await host.CreateApiTokenAsync(user.Email);
        using var client = host.CreateClient(user.Token);
        var publicId = await PublicIdOfAsync(host, user.Id);

        using var response = await client.DeleteAsync($"{Path}/{publicId}", Ct);
        using var again = await client.DeleteAsync($"{Path}/{publicId}", Ct);
        using var me = await host.Client.GetWithBearerAsync(MePath, token);

        await AssertSuccessAsync(response, HttpStatusCode.OK, "API token deleted.");
        await again.AssertErrorAsync(HttpStatusCode.NotFound, "API token not found.");
        await me.AssertErrorAsync(HttpStatusCode.Unauthorized, "Invalid API token.");
    }

    [Fact]
    public async Task Delete_AnotherUsersToken_Returns403ForNonAdminsAnd200ForAdmins()
    {
        var (host, callers) = await ArrangeAsync();
        var owner = await host.CreateUserAsync(UserRole.Viewer);
        var token = await host.CreateApiTokenAsync(owner.Email);
        var publicId = await PublicIdOfAsync(host, owner.Id);

        using var byOperator = await callers.OperatorClient.DeleteAsync($"{Path}/{publicId}", Ct);
        using var byViewerToken = await callers.ViewerToken.DeleteAsync($"{Path}/{publicId}", Ct);
        using var stillWorks = await host.Client.GetWithBearerAsync(MePath, token);
        using var byAdmin = await callers.Admin.DeleteAsync($"{Path}/{publicId}", Ct);

        await byOperator.AssertErrorAsync(HttpStatusCode.Forbidden, "Cannot delete another user's token.");
        await byViewerToken.AssertErrorAsync(HttpStatusCode.Forbidden, "Cannot delete another user's token.");
        Assert.Equal(HttpStatusCode.OK, stillWorks.StatusCode);
        await AssertSuccessAsync(byAdmin, HttpStatusCode.OK, "API token deleted.");
        Assert.Equal(0, await host.WithDbAsync(db => db.ApiTokens.CountAsync(t => t.UserId == owner.Id, Ct)));
    }

    [Theory]
    [InlineData("unknown")]
    [InlineData("00000000-0000-4000-8000-000000000000")]
    public async Task Delete_UnknownId_Returns404(string id)
    {
        var (_, callers) = await ArrangeAsync();

        using var byViewer = await callers.ViewerClient.DeleteAsync($"{Path}/{id}", Ct);
        using var byAdmin = await callers.Admin.DeleteAsync($"{Path}/{id}", Ct);

        await byViewer.AssertErrorAsync(HttpStatusCode.NotFound, "API token not found.");
        await byAdmin.AssertErrorAsync(HttpStatusCode.NotFound, "API token not found.");
    }

    [Fact]
    public async Task Routes_Anonymous_Return401()
    {
        var (host, _) = await ArrangeAsync();

        using var list = await host.Client.GetAsync(Path, Ct);
        using var create = await host.Client.PostRawJsonAsync(Path, "{}");
        using var delete = await host.Client.DeleteAsync($"{Path}/unknown", Ct);
        using var garbage = await host.Client.GetWithBearerAsync(Path, "wm_abc");

        await list.AssertErrorAsync(HttpStatusCode.Unauthorized, "Authentication required.");
        await create.AssertErrorAsync(HttpStatusCode.Unauthorized, "Authentication required.");
        await delete.AssertErrorAsync(HttpStatusCode.Unauthorized, "Authentication required.");
        await garbage.AssertErrorAsync(HttpStatusCode.Unauthorized, "Invalid API token.");
    }

    [Fact]
    public async Task Create_MalformedBodies_Return4xxAndTheHostStaysHealthy()
    {
        var (host, _) = await ArrangeAsync();
        var user = await host.CreateUserAsync(UserRole.Viewer);
        using var client = host.CreateClient(user.Token);
        BodyFuzz.Field[] fields =
        [
            new("name", BodyFuzz.Kind.BoundedString, "\"fuzz\""),
            new("expires_at", BodyFuzz.Kind.DateTime, "\"2999-01-01T00:00:00Z\""),
        ];

        await AssertMalformedBodiesRefusedAsync(host, client, HttpMethod.Post, Path, fields);

        Assert.Equal(0, await host.WithDbAsync(db => db.ApiTokens.CountAsync(t => t.UserId == user.Id, Ct)));
    }

    private static Task<Guid> PublicIdOfAsync(Testing.Hosting.WebMacsTestHost host, int userId) =>
        host.WithDbAsync(db => db.ApiTokens.Where(t => t.UserId == userId).Select(t => t.PublicId).SingleAsync(Ct));
}
