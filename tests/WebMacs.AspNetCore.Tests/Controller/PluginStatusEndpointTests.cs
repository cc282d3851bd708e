using System.Net;
using WebMacs.AspNetCore.Tests.Dashboards;
using WebMacs.AspNetCore.Tests.Plugins;
using WebMacs.AspNetCore.Tests.Support;
using WebMacs.Domain;

namespace WebMacs.AspNetCore.Tests.Controller;

/// <summary><c>PUT /api/v1/plugins/{public_id}/status</c>, the route edge controllers report their instances' health to.</summary>
public sealed class PluginStatusEndpointTests
{
    [Fact]
    public async Task PutStatus_Operator_StoresStatusErrorAndUpdatedOn()
    {
        await using var backend = await Backend.StartAsync();
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

    [Fact]
    public async Task PutStatus_UnknownInstance_Answers404()
    {
        await using var backend = await Backend.StartAsync();

        using var unknown = await backend.Admin.SendJsonAsync(HttpMethod.Put, $"/api/v1/plugins/{Guid.NewGuid()}/status", """{"status": "connected"}""");
        using var malformed = await backend.Admin.SendJsonAsync(HttpMethod.Put, "/api/v1/plugins/not-a-guid/status", """{"status": "connected"}""");

        await unknown.AssertErrorAsync(HttpStatusCode.NotFound, "Plugin instance not found.");
        await malformed.AssertErrorAsync(HttpStatusCode.NotFound, "Plugin instance not found.");
    }

    [Theory]
    [InlineData("""{"status": "broken"}""", "body/status")]
    [InlineData("""{"error_message": "x"}""", "body/status")]
    [InlineData("""{"status": 3}""", "body/status")]
    [InlineData("""{"status": "demo", "error_message": 5}""", "body/error_message")]
    public async Task PutStatus_InvalidBody_Answers422NamingTheField(string json, string location)
    {
        await using var backend = await Backend.StartAsync();
        var instance = await backend.Host.InsertInstanceAsync("a");

        using var response = await backend.Admin.SendJsonAsync(HttpMethod.Put, $"/api/v1/plugins/{instance.PublicId}/status", json);

        var errors = await response.AssertValidationErrorAsync();
        Assert.Contains(location, errors.Select(Support.Http.Loc));
        Assert.Equal(PluginStatus.Inactive, (await backend.Host.FindInstanceAsync(instance.PublicId))!.Status);
    }

    [Fact]
    public async Task PutStatus_RoleGuard_AnonymousIs401ViewerIs403OperatorAndAdminPass()
    {
        await using var backend = await Backend.StartAsync();
        var callers = await RouteCallers.ForAsync(backend.Host);
        var instance = await backend.Host.InsertInstanceAsync("a");

        await RouteChecks.AssertRoleGuardAsync(callers, HttpMethod.Put, $"/api/v1/plugins/{instance.PublicId}/status", UserRole.Operator, """{"status": "connected", "error_message": null}""");
    }
}
