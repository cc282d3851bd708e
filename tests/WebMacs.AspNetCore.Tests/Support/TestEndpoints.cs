using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using WebMacs.AspNetCore.Security;

namespace WebMacs.AspNetCore.Tests.Support;

/// <summary>Endpoints a test host adds next to WebMacs, guarded by the WebMacs role policies.</summary>
internal static class TestEndpoints
{
    public const string Viewer = "/test/viewer";
    public const string Operator = "/test/operator";
    public const string Admin = "/test/admin";

    public static void Map(WebApplication app)
    {
        app.MapGet(Viewer, () => Results.Text("viewer ok")).RequireAuthorization(WebMacsPolicies.Viewer);
        app.MapGet(Operator, () => Results.Text("operator ok")).RequireAuthorization(WebMacsPolicies.Operator);
        app.MapGet(Admin, () => Results.Text("admin ok")).RequireAuthorization(WebMacsPolicies.Admin);
    }
}
