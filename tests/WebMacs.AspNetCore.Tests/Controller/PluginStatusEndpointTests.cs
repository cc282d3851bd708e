using System.Net;
using WebMacs.AspNetCore.Tests.Dashboards;
using WebMacs.AspNetCore.Tests.Plugins;
using WebMacs.AspNetCore.Tests.Support;
using WebMacs.Domain;
using WebMacs.Testing.Postgres;

namespace WebMacs.AspNetCore.Tests.Controller;

/// <summary><c>PUT /api/v1/plugins/{public_id}/status</c>, the route edge controllers report their instances' health to.</summary>
public sealed class PluginStatusEndpointTests(PostgresServer postgres)
{
    [Theory]
    [MemberData(nameof(TestStores.All), MemberType = typeof(TestStores))]
    public async Task PutStatus_Operator_StoresStatusErrorAndUpdatedOn(TestStore store)
    {
        await using var backend = await Backend.StartAsync(store, postgres);
        var callers = await RouteCallers.ForAsync(backend.Host);
        var instance = await backend.Host.InsertInstanceAsync("a");

        using var response = await callers.OperatorToken.SendJsonAsync(HttpMethod.Put, $"/api/v1/plugins/{instance.PublicId}/status", """{"status": "error", "error_message": "sensor unplugged"}""");

        await response.AssertSuccessAsync(HttpStatusCode.OK, "Plugin instance status updated.");
        var stored = await backend.Host.FindInstanceAsync(instance.PublicId);
        Assert.Equal((PluginStatus.Error, "sensor unplugged"), (stored!.Status, stored.ErrorMessage));
        Assert.True(stored.UpdatedOn > instance.UpdatedOn, "updated_on moves.");
        var shown = await backend.GetInstanceAsync(instance.PublicId);
        Assert.Equal("error", shown.GetProperty("status").GetString());
    }

    [Theory]
    [MemberData(nameof(TestStores.All), MemberType = typeof(TestStores))]
    public async Task PutStatus_UnknownInstance_Answers404(TestStore store)
    {
        await using var backend = await Backend.StartAsync(store, postgres);

        using var unknown = await backend.Admin.SendJsonAsync(HttpMethod.Put, $"/api/v1/plugins/{Guid.NewGuid()}/status", """{"status": "connected"}""");
        using var malformed = await backend.Admin.SendJsonAsync(HttpMethod.Put, "/api/v1/plugins/not-a-guid/status", """{"status": "connected"}""");

        await unknown.AssertErrorAsync(HttpStatusCode.NotFound, "Plugin instance not found.");
        await malformed.AssertErrorAsync(HttpStatusCode.NotFound, "Plugin instance not found.");
    }

    /// <summary>Gets each invalid body with the field its 422 names, once per store.</summary>
    public static TheoryData<TestStore, string, string> InvalidBodies()
    {
        var data = new TheoryData<TestStore, string, string>();
        foreach (var store in new[] { TestStore.Sqlite, TestStore.Postgres })
        {
            data.Add(store, """{"status": "broken"}""", "body/status");
            data.Add(store, """{"error_message": "x"}""", "body/status");
            data.Add(store, """{"status": 3}""", "body/status");
            data.Add(store, """{"status": "demo", "error_message": 5}""", "body/error_message");
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(InvalidBodies))]
    public async Task PutStatus_InvalidBody_Answers422NamingTheField(TestStore store, string json, string location)
    {
        await using var backend = await Backend.StartAsync(store, postgres);
        var instance = await backend.Host.InsertInstanceAsync("a");

        using var response = await backend.Admin.SendJsonAsync(HttpMethod.Put, $"/api/v1/plugins/{instance.PublicId}/status", json);

        var errors = await response.AssertValidationErrorAsync();
        Assert.Contains(location, errors.Select(Support.Http.Loc));
        Assert.Equal(PluginStatus.Inactive, (await backend.Host.FindInstanceAsync(instance.PublicId))!.Status);
    }

    [Theory]
    [MemberData(nameof(TestStores.All), MemberType = typeof(TestStores))]
    public async Task PutStatus_RoleGuard_AnonymousIs401ViewerIs403OperatorAndAdminPass(TestStore store)
    {
        await using var backend = await Backend.StartAsync(store, postgres);
        var callers = await RouteCallers.ForAsync(backend.Host);
        var instance = await backend.Host.InsertInstanceAsync("a");

        await RouteChecks.AssertRoleGuardAsync(callers, HttpMethod.Put, $"/api/v1/plugins/{instance.PublicId}/status", UserRole.Operator, """{"status": "connected", "error_message": null}""");
    }
}
