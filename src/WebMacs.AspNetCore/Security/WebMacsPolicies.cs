using Microsoft.AspNetCore.Authorization;
using WebMacs.Domain;

namespace WebMacs.AspNetCore.Security;

/// <summary>
/// The role policies of reference §3.5 (admin &gt; operator &gt; viewer), always checked against the user's current
/// role in the database.
/// </summary>
internal static class WebMacsPolicies
{
    public const string Viewer = "WebMacs.Viewer";
    public const string Operator = "WebMacs.Operator";
    public const string Admin = "WebMacs.Admin";

    public static void Add(AuthorizationOptions options)
    {
        options.AddPolicy(Viewer, p => p.AddAuthenticationSchemes(WebMacsAuthenticationHandler.SchemeName).AddRequirements(new MinimumRoleRequirement(UserRole.Viewer)));
        options.AddPolicy(Operator, p => p.AddAuthenticationSchemes(WebMacsAuthenticationHandler.SchemeName).AddRequirements(new MinimumRoleRequirement(UserRole.Operator)));
        options.AddPolicy(Admin, p => p.AddAuthenticationSchemes(WebMacsAuthenticationHandler.SchemeName).AddRequirements(new MinimumRoleRequirement(UserRole.Admin)));
    }
}

/// <summary>Requires an authenticated WebMacs user whose role ranks at least <see cref="Minimum"/>.</summary>
internal sealed class MinimumRoleRequirement(UserRole minimum) : AuthorizationHandler<MinimumRoleRequirement>, IAuthorizationRequirement
{
    public UserRole Minimum { get; } = minimum;

    /// <summary>Gets the 403 text of the original's guard for this role.</summary>
    public string ForbiddenDetail => Minimum == UserRole.Admin ? "Admin privileges required." : "Operator privileges required.";

    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, MinimumRoleRequirement requirement)
    {
        var role = context.User.FindFirst(System.Security.Claims.ClaimTypes.Role)?.Value;
        if (context.User.Identity?.IsAuthenticated == true && WireEnum<UserRole>.TryParse(role, out var current) && current >= requirement.Minimum)
        {
            context.Succeed(requirement);
        }

        return Task.CompletedTask;
    }
}
