using WebMacs.Tokens;

namespace WebMacs.AspNetCore.Endpoints;

// Bodies of the API token routes (reference §4.2 ApiTokenResponse / ApiTokenCreatedResponse, §4.3 routes 14–16).

/// <summary>An API token as listed: never the token itself, only its metadata and its owner.</summary>
internal sealed record ApiTokenResponse(Guid PublicId, string Name, DateTime? LastUsedAt, DateTime? ExpiresAt, DateTime CreatedAt, Guid UserPublicId)
{
    public static ApiTokenResponse From(ApiTokenRow row) =>
        new(row.Token.PublicId, row.Token.Name, row.Token.LastUsedAt, row.Token.ExpiresAt, row.Token.CreatedAt, row.OwnerPublicId);
}

/// <summary>A token just created, with its plaintext (<c>wm_…</c>, 67 characters), which is shown only this once.</summary>
internal sealed record ApiTokenCreatedResponse(Guid PublicId, string Name, string Token, DateTime? ExpiresAt, DateTime CreatedAt)
{
    public static ApiTokenCreatedResponse From(CreatedApiToken created) =>
        new(created.Token.PublicId, created.Token.Name, created.Plaintext, created.Token.ExpiresAt, created.Token.CreatedAt);
}

/// <summary>The body of <c>POST /tokens</c>: a name (1–255 characters) and an optional expiry.</summary>
internal sealed record ApiTokenCreateRequest(string Name, DateTime? ExpiresAt);
