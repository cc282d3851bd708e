namespace WebMacs.AspNetCore.Tests.Support;

/// <summary>A user a test inserted, with its database id and a token from a real login.</summary>
internal sealed record TestUser(int Id, string Email, string Username, string Password, string Token);
