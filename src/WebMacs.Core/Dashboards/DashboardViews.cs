using WebMacs.Domain;

namespace WebMacs.Dashboards;

// What the dashboard routes read and write (reference §4.2 DashboardResponse / DashboardWidgetResponse).

/// <summary>A widget with the public id of its event (null when it has none).</summary>
internal sealed record WidgetView(Guid PublicId, WidgetType WidgetType, string Title, Guid? EventPublicId, int X, int Y, int W, int H, string? ConfigJson);

/// <summary>A dashboard with its owner's public id and its widgets in creation order.</summary>
internal sealed record DashboardView(Guid PublicId, string Name, bool IsGlobal, DateTime CreatedOn, Guid UserPublicId, List<WidgetView> Widgets);

/// <summary>The changes a PUT /dashboards/{id} asks for; null means "not sent".</summary>
internal sealed record DashboardChanges(string? Name, bool? IsGlobal, bool NullSent);

/// <summary>A new widget; <see cref="EventPublicId"/> null or empty means "no event".</summary>
internal sealed record WidgetDraft(WidgetType WidgetType, string Title, string? EventPublicId, int X, int Y, int W, int H, string? ConfigJson);

/// <summary>
/// The changes a PUT of a widget asks for. Null means "not sent", except that <see cref="EventSent"/> and
/// <see cref="ConfigJsonSent"/> tell whether those nullable fields were sent (a null then clears them).
/// <see cref="NullSent"/> tells whether a NOT NULL field (title, x, y, w, h) was sent as null.
/// </summary>
internal sealed record WidgetChanges(
    string? Title,
    bool EventSent,
    string? EventPublicId,
    int? X,
    int? Y,
    int? W,
    int? H,
    bool ConfigJsonSent,
    string? ConfigJson,
    bool NullSent);
