using Microsoft.EntityFrameworkCore;
using WebMacs.Common;
using WebMacs.Domain;
using WebMacs.Persistence;
using WebMacs.Security;

namespace WebMacs.Users;

/// <summary>The changes a PUT /users/{id} asks for; a null property means "not sent".</summary>
internal sealed record UserChanges(string? Email, string? Username, string? Password, UserRole? Role, bool NullSent);

/// <summary>User administration (reference §4.3 routes 9–13) with the original's ownership rules.</summary>
internal sealed class UserService(WebMacsDbContext db, ChangeSaver saver, TimeProvider time)
{
    private const string Entity = "User";

    public async Task<PageResult<User>> ListAsync(int skip, int take, CancellationToken cancellationToken)
    {
        var total = await db.Users.CountAsync(cancellationToken).ConfigureAwait(false);
        var items = await db.Users.AsNoTracking().OrderBy(u => u.Id).Skip(skip).Take(take).ToListAsync(cancellationToken).ConfigureAwait(false);
        return new PageResult<User>(items, total);
    }

    public async Task<Outcome<User>> GetAsync(string publicId, CancellationToken cancellationToken) =>
        await FindAsync(publicId, cancellationToken).ConfigureAwait(false) is { } user ? user : Outcome.NotFound(Entity, publicId);

    public async Task<Outcome<User>> CreateAsync(string email, string username, string password, UserRole role, CancellationToken cancellationToken)
    {
        if (await db.Users.AnyAsync(u => u.Email == email, cancellationToken).ConfigureAwait(false))
        {
            return Outcome.Conflict(Entity);
        }

        var user = new User
        {
            Email = email,
            Username = username,
            PasswordHash = PasswordHasher.Hash(password),
            Role = role,
            RegisteredOn = time.GetUtcNow().UtcDateTime,
        };
        db.Users.Add(user);
        return await saver.SaveAsync(cancellationToken).ConfigureAwait(false) == ConstraintViolation.None ? user : Outcome.Conflict(Entity);
    }

    /// <summary>Applies a partial update. Non-admins may change only themselves and never a role (checked before existence).</summary>
    public async Task<Outcome<User>> UpdateAsync(User caller, string publicId, UserChanges changes, CancellationToken cancellationToken)
    {
        var isAdmin = caller.Role == UserRole.Admin;
        if (!isAdmin && !string.Equals(caller.PublicId.ToString(), publicId, StringComparison.OrdinalIgnoreCase))
        {
            return Outcome.Forbidden("You can only update your own profile.");
        }

        if (!isAdmin && changes.Role is not null)
        {
            return Outcome.Forbidden("Only admins can change user roles.");
        }

        if (await FindAsync(publicId, cancellationToken).ConfigureAwait(false) is not { } user)
        {
            return Outcome.NotFound(Entity, publicId);
        }

        if (changes.NullSent)
        {
            // Every user column is NOT NULL: the original answers an explicit null as an integrity conflict.
            return Outcome.Conflict(Entity);
        }

        db.Attach(user);
        if (changes.Email is { } email) user.Email = email;
        if (changes.Username is { } username) user.Username = username;
        if (changes.Password is { } password) user.PasswordHash = PasswordHasher.Hash(password);
        if (changes.Role is { } role) user.Role = role;
        return await saver.SaveAsync(cancellationToken).ConfigureAwait(false) == ConstraintViolation.None ? user : Outcome.Conflict(Entity);
    }

    public async Task<Outcome> DeleteAsync(string publicId, CancellationToken cancellationToken)
    {
        if (!PublicIds.TryParse(publicId, out var id))
        {
            return Outcome.NotFound(Entity, publicId);
        }

        var deleted = await db.Users.Where(u => u.PublicId == id).ExecuteDeleteAsync(cancellationToken).ConfigureAwait(false);
        return deleted == 0 ? Outcome.NotFound(Entity, publicId) : Outcome.Ok;
    }

    private async Task<User?> FindAsync(string publicId, CancellationToken cancellationToken) =>
        PublicIds.TryParse(publicId, out var id)
            ? await db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.PublicId == id, cancellationToken).ConfigureAwait(false)
            : null;
}
