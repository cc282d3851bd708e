using Microsoft.EntityFrameworkCore;
using WebMacs.Common;
using WebMacs.Domain;
using WebMacs.Persistence;

namespace WebMacs.Dashboards;

/// <summary>
/// Dashboards and their widgets (reference §4.3 routes 59–66). Everyone sees their own and the global dashboards;
/// changes need the owner or an admin ("Not allowed." otherwise, checked after the dashboard was found).
/// </summary>
internal sealed partial class DashboardService(WebMacsDbContext db, ChangeSaver saver, TimeProvider time)
{
    private const string Entity = "Dashboard";
    private const string NotAllowed = "Not allowed.";

    /// <summary>Lists the caller's and the global dashboards, newest first.</summary>
    public async Task<PageResult<DashboardView>> ListAsync(User caller, int skip, int take, CancellationToken cancellationToken)
    {
        var visible = db.Dashboards.AsNoTracking().Where(d => d.UserId == caller.Id || d.IsGlobal);
        var total = await visible.CountAsync(cancellationToken).ConfigureAwait(false);
        var items = await Views(visible.OrderByDescending(d => d.CreatedOn).ThenByDescending(d => d.Id).Skip(skip).Take(take))
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        return new PageResult<DashboardView>(items, total);
    }

    public async Task<Outcome<DashboardView>> CreateAsync(User caller, string name, bool isGlobal, CancellationToken cancellationToken)
    {
        var dashboard = new Dashboard { Name = name, IsGlobal = isGlobal, CreatedOn = time.GetUtcNow().UtcDateTime, UserId = caller.Id };
        db.Dashboards.Add(dashboard);
        return await saver.SaveAsync(cancellationToken).ConfigureAwait(false) == ConstraintViolation.None
            ? new DashboardView(dashboard.PublicId, dashboard.Name, dashboard.IsGlobal, dashboard.CreatedOn, caller.PublicId, [])
            : Outcome.Conflict(Entity);
    }

    /// <summary>Gets a dashboard the caller owns or that is global (no admin bypass, as in the original).</summary>
    public async Task<Outcome<DashboardView>> GetAsync(User caller, string publicId, CancellationToken cancellationToken)
    {
        if (!PublicIds.TryParse(publicId, out var id)
            || await Views(db.Dashboards.AsNoTracking().Where(d => d.PublicId == id)).FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false) is not { } view)
        {
            return Outcome.NotFound(Entity, publicId);
        }

        return view.UserPublicId == caller.PublicId || view.IsGlobal ? view : Outcome.Forbidden(NotAllowed);
    }

    public async Task<Outcome> UpdateAsync(User caller, string publicId, DashboardChanges changes, CancellationToken cancellationToken)
    {
        var found = await FindForChangeAsync(caller, publicId, cancellationToken).ConfigureAwait(false);
        if (!found.Succeeded)
        {
            return new Outcome(found.Status, found.Detail);
        }

        if (changes.NullSent)
        {
            // name and is_global are NOT NULL: an explicit null is the original's integrity conflict.
            return Outcome.Conflict(Entity);
        }

        var dashboard = found.Value!;
        if (changes.Name is { } name) dashboard.Name = name;
        if (changes.IsGlobal is { } isGlobal) dashboard.IsGlobal = isGlobal;
        return await SaveAsync(Entity, publicId, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Deletes a dashboard and its widgets.</summary>
    public async Task<Outcome> DeleteAsync(User caller, string publicId, CancellationToken cancellationToken)
    {
        var found = await FindForChangeAsync(caller, publicId, cancellationToken).ConfigureAwait(false);
        if (!found.Succeeded)
        {
            return new Outcome(found.Status, found.Detail);
        }

        var dashboardId = found.Value!.Id;
        var deleted = await db.Dashboards.Where(d => d.Id == dashboardId).ExecuteDeleteAsync(cancellationToken).ConfigureAwait(false);
        return deleted == 0 ? Outcome.NotFound(Entity, publicId) : Outcome.Ok;
    }

    /// <summary>Finds a dashboard (tracked) that the caller may change: the owner or an admin.</summary>
    private async Task<Outcome<Dashboard>> FindForChangeAsync(User caller, string publicId, CancellationToken cancellationToken)
    {
        if (!PublicIds.TryParse(publicId, out var id)
            || await db.Dashboards.FirstOrDefaultAsync(d => d.PublicId == id, cancellationToken).ConfigureAwait(false) is not { } dashboard)
        {
            return Outcome.NotFound(Entity, publicId);
        }

        return dashboard.UserId == caller.Id || caller.Role == UserRole.Admin ? dashboard : Outcome.Forbidden(NotAllowed);
    }

    /// <summary>Resolves an event's public id to its key; null when there is no such event.</summary>
    private async Task<int?> FindEventAsync(string publicId, CancellationToken cancellationToken) =>
        PublicIds.TryParse(publicId, out var id)
            ? await db.Events.Where(e => e.PublicId == id).Select(e => (int?)e.Id).FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false)
            : null;

    private async Task<Outcome> SaveAsync(string entity, string publicId, CancellationToken cancellationToken)
    {
        try
        {
            return await saver.SaveAsync(cancellationToken).ConfigureAwait(false) switch
            {
                ConstraintViolation.None => Outcome.Ok,
                ConstraintViolation.ForeignKey => Outcome.NotFound("Event not found."),
                _ => Outcome.Conflict(entity),
            };
        }
        catch (DbUpdateConcurrencyException)
        {
            // Deleted by someone else while this request changed it.
            db.ChangeTracker.Clear();
            return Outcome.NotFound(entity, publicId);
        }
    }

    private static IQueryable<DashboardView> Views(IQueryable<Dashboard> query) =>
        query.Select(d => new DashboardView(
            d.PublicId,
            d.Name,
            d.IsGlobal,
            d.CreatedOn,
            d.User!.PublicId,
            d.Widgets.OrderBy(w => w.Id)
                .Select(w => new WidgetView(w.PublicId, w.WidgetType, w.Title, w.Event != null ? w.Event.PublicId : null, w.X, w.Y, w.W, w.H, w.ConfigJson))
                .ToList()));
}
