using Microsoft.EntityFrameworkCore;
using WebMacs.Common;
using WebMacs.Domain;

namespace WebMacs.Dashboards;

// Widget routes (reference §4.3 routes 64–66): the dashboard's owner check comes first, then the widget lookups.
internal sealed partial class DashboardService
{
    private const string WidgetEntity = "DashboardWidget";
    private const string EventNotFound = "Event not found.";

    public async Task<Outcome<WidgetView>> AddWidgetAsync(User caller, string dashboardId, WidgetDraft draft, CancellationToken cancellationToken)
    {
        var found = await FindForChangeAsync(caller, dashboardId, cancellationToken).ConfigureAwait(false);
        if (!found.Succeeded)
        {
            return new Outcome(found.Status, found.Detail);
        }

        int? eventId = null;
        Guid? eventPublicId = null;
        if (!string.IsNullOrEmpty(draft.EventPublicId))
        {
            eventId = await FindEventAsync(draft.EventPublicId, cancellationToken).ConfigureAwait(false);
            if (eventId is null)
            {
                return Outcome.NotFound(EventNotFound);
            }

            eventPublicId = Guid.ParseExact(draft.EventPublicId, "D");
        }

        var widget = new DashboardWidget
        {
            DashboardId = found.Value!.Id,
            WidgetType = draft.WidgetType,
            Title = draft.Title,
            EventId = eventId,
            X = draft.X,
            Y = draft.Y,
            W = draft.W,
            H = draft.H,
            ConfigJson = draft.ConfigJson,
        };
        db.DashboardWidgets.Add(widget);
        var saved = await SaveAsync(Entity, dashboardId, cancellationToken).ConfigureAwait(false);
        return saved.Succeeded
            ? new WidgetView(widget.PublicId, widget.WidgetType, widget.Title, eventPublicId, widget.X, widget.Y, widget.W, widget.H, widget.ConfigJson)
            : saved;
    }

    public async Task<Outcome> UpdateWidgetAsync(User caller, string dashboardId, string widgetId, WidgetChanges changes, CancellationToken cancellationToken)
    {
        var found = await FindWidgetAsync(caller, dashboardId, widgetId, cancellationToken).ConfigureAwait(false);
        if (!found.Succeeded)
        {
            return new Outcome(found.Status, found.Detail);
        }

        var widget = found.Value!;
        if (changes.EventSent)
        {
            if (changes.EventPublicId is null)
            {
                widget.EventId = null;
            }
            else if (await FindEventAsync(changes.EventPublicId, cancellationToken).ConfigureAwait(false) is { } eventId)
            {
                widget.EventId = eventId;
            }
            else
            {
                db.ChangeTracker.Clear();
                return Outcome.NotFound(EventNotFound);
            }
        }

        if (changes.NullSent)
        {
            // title, x, y, w and h are NOT NULL: an explicit null is the original's integrity conflict.
            db.ChangeTracker.Clear();
            return Outcome.Conflict(WidgetEntity);
        }

        if (changes.Title is { } title) widget.Title = title;
        if (changes.X is { } x) widget.X = x;
        if (changes.Y is { } y) widget.Y = y;
        if (changes.W is { } w) widget.W = w;
        if (changes.H is { } h) widget.H = h;
        if (changes.ConfigJsonSent) widget.ConfigJson = changes.ConfigJson;
        return await SaveAsync(WidgetEntity, widgetId, cancellationToken).ConfigureAwait(false);
    }

    public async Task<Outcome> DeleteWidgetAsync(User caller, string dashboardId, string widgetId, CancellationToken cancellationToken)
    {
        var found = await FindWidgetAsync(caller, dashboardId, widgetId, cancellationToken).ConfigureAwait(false);
        if (!found.Succeeded)
        {
            return new Outcome(found.Status, found.Detail);
        }

        var id = found.Value!.Id;
        var deleted = await db.DashboardWidgets.Where(w => w.Id == id).ExecuteDeleteAsync(cancellationToken).ConfigureAwait(false);
        return deleted == 0 ? Outcome.NotFound(WidgetEntity, widgetId) : Outcome.Ok;
    }

    /// <summary>Runs the dashboard's owner check, then finds the widget (tracked) and checks that it is on that dashboard.</summary>
    private async Task<Outcome<DashboardWidget>> FindWidgetAsync(User caller, string dashboardId, string widgetId, CancellationToken cancellationToken)
    {
        var found = await FindForChangeAsync(caller, dashboardId, cancellationToken).ConfigureAwait(false);
        if (!found.Succeeded)
        {
            return new Outcome(found.Status, found.Detail);
        }

        if (!PublicIds.TryParse(widgetId, out var id)
            || await db.DashboardWidgets.FirstOrDefaultAsync(w => w.PublicId == id, cancellationToken).ConfigureAwait(false) is not { } widget)
        {
            return Outcome.NotFound(WidgetEntity, widgetId);
        }

        return widget.DashboardId == found.Value!.Id ? widget : Outcome.NotFound("Widget not on this dashboard.");
    }
}
