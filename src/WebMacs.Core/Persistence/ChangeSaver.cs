using Microsoft.EntityFrameworkCore;

namespace WebMacs.Persistence;

/// <summary>
/// Commits a request's changes before it answers (a compat fix: the original committed after responding, so
/// constraint violations were lost behind a 2xx). A violated constraint is reported, not thrown, and the context is
/// left clean for the next operation.
/// </summary>
internal sealed class ChangeSaver(WebMacsDbContext db, IStorageProvider storage)
{
    public async Task<ConstraintViolation> SaveAsync(CancellationToken cancellationToken)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
            return ConstraintViolation.None;
        }
        catch (DbUpdateException ex) when (storage.Classify(ex) is not ConstraintViolation.None and var violation)
        {
            db.ChangeTracker.Clear();
            return violation;
        }
    }
}
