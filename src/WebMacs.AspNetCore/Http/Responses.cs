namespace WebMacs.AspNetCore.Http;

// Response bodies of the WebMACS contract (reference §4.2). Property names are written in snake_case.

internal sealed record StatusResponse(string Status, string Message)
{
    public static StatusResponse Success(string message) => new("success", message);
}

internal sealed record HealthResponse(string Status, string Version, string Database, DateTime? LastDatapoint, double UptimeSeconds);

internal sealed record LoginResponse(string Status, string Message, string AccessToken, Guid PublicId, string Username);

internal sealed record UserResponse(Guid PublicId, string Email, string Username, string Role, bool Admin, DateTime RegisteredOn, string? SsoProvider);
