using System.Buffers.Text;
using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using WebMacs.Common;
using WebMacs.Domain;
using WebMacs.Persistence;
using WebMacs.Security;

namespace WebMacs.Tokens;

/// <summary>An API token with the public id of its owner.</summary>
internal sealed record ApiTokenRow(ApiToken Token, Guid OwnerPublicId);

/// <summary>A token just created: the stored row and the plaintext, which is shown only this once.</summary>
internal sealed record CreatedApiToken(ApiToken Token, string Plaintext);

/// <summary>
/// API token management (reference §3.6, routes 14–16). Only the SHA-256 of a token is stored. Non-admins see and
/// delete their own tokens; admins see and delete everyone's (a compat fix: the original failed listing others').
/// </summary>
internal sealed class ApiTokenService(WebMacsDbContext db, ChangeSaver saver, TimeProvider time)
{
    /// <summary>The number of random bytes behind a token: 48 bytes are 64 base64url characters.</summary>
    public const int RandomBytes = 48;

    public async Task<PageResult<ApiTokenRow>> ListAsync(User caller, int skip, int take, CancellationToken cancellationToken)
    {
        var tokens = db.ApiTokens.AsNoTracking();
        if (caller.Role != UserRole.Admin)
        {
            tokens = tokens.Where(t => t.UserId == caller.Id);
        }

        var total = await tokens.CountAsync(cancellationToken).ConfigureAwait(false);
        var items = await tokens
            .OrderByDescending(t => t.CreatedAt).ThenByDescending(t => t.Id)
            .Skip(skip).Take(take)
            .Select(t => new ApiTokenRow(t, t.User!.PublicId))
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        return new PageResult<ApiTokenRow>(items, total);
    }

    /// <summary>Creates a token for the caller: <c>wm_</c> + 48 random bytes in base64url without padding (67 characters).</summary>
    public async Task<Outcome<CreatedApiToken>> CreateAsync(User caller, string name, DateTime? expiresAt, CancellationToken cancellationToken)
    {
        var plaintext = NewPlaintext();
        var token = new ApiToken
        {
            Name = name,
            TokenHash = TokenHash.Sha256Hex(plaintext),
            UserId = caller.Id,
            ExpiresAt = expiresAt,
            CreatedAt = time.GetUtcNow().UtcDateTime,
        };
        db.ApiTokens.Add(token);
        return await saver.SaveAsync(cancellationToken).ConfigureAwait(false) switch
        {
            ConstraintViolation.None => new CreatedApiToken(token, plaintext),
            ConstraintViolation.ForeignKey => Outcome.NotFound("User", caller.PublicId.ToString()),
            _ => Outcome.Conflict("API token"),
        };
    }

    /// <summary>Deletes a token: 404 when unknown, 403 when a non-admin names someone else's token.</summary>
    public async Task<Outcome> DeleteAsync(User caller, string publicId, CancellationToken cancellationToken)
    {
        var owner = PublicIds.TryParse(publicId, out var id)
            ? await db.ApiTokens.Where(t => t.PublicId == id).Select(t => (int?)t.UserId).FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false)
            : null;
        if (owner is null)
        {
            return Outcome.NotFound("API token not found.");
        }

        if (caller.Role != UserRole.Admin && owner != caller.Id)
        {
            return Outcome.Forbidden("Cannot delete another user's token.");
        }

        await db.ApiTokens.Where(t => t.PublicId == id).ExecuteDeleteAsync(cancellationToken).ConfigureAwait(false);
        return Outcome.Ok;
    }

    internal static string NewPlaintext() => AuthService.ApiTokenPrefix + Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(RandomBytes));
}
