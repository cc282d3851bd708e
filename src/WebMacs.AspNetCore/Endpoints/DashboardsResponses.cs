using WebMacs.Dashboards;
using WebMacs.Domain;

namespace WebMacs.AspNetCore.Endpoints;

// Bodies of the dashboard routes (reference §4.2 DashboardResponse / DashboardWidgetResponse, §4.3 routes 59–66).

/// <summary>A widget of a dashboard.</summary>
internal sealed record DashboardWidgetResponse(Guid PublicId, string WidgetType, string Title, Guid? EventPublicId, int X, int Y, int W, int H, string? ConfigJson)
{
    public static DashboardWidgetResponse From(WidgetView w) =>
        new(w.PublicId, WireEnum<WidgetType>.ToWire(w.WidgetType), w.Title, w.EventPublicId, w.X, w.Y, w.W, w.H, w.ConfigJson);
}

/// <summary>A dashboard with its widgets in creation order.</summary>
internal sealed record DashboardResponse(Guid PublicId, string Name, bool IsGlobal, DateTime CreatedOn, Guid UserPublicId, IReadOnlyList<DashboardWidgetResponse> Widgets)
{
    public static DashboardResponse From(DashboardView d) =>
        new(d.PublicId, d.Name, d.IsGlobal, d.CreatedOn, d.UserPublicId, [.. d.Widgets.Select(DashboardWidgetResponse.From)]);
}

/// <summary>The body of <c>POST /dashboards</c>.</summary>
internal sealed record DashboardCreateRequest(string Name, bool? IsGlobal);

/// <summary>The body of <c>PUT /dashboards/{id}</c>: any of the fields (an empty name is allowed).</summary>
internal sealed record DashboardUpdateRequest(string? Name, bool? IsGlobal);

/// <summary>The body of <c>POST /dashboards/{id}/widgets</c>: x, y default 0; w (1–12) 4; h (1–12) 3.</summary>
internal sealed record WidgetCreateRequest(string WidgetType, string Title, string? EventPublicId, int? X, int? Y, int? W, int? H, string? ConfigJson);

/// <summary>The body of <c>PUT /dashboards/{id}/widgets/{widget_id}</c>: any field but the type; a null event clears it.</summary>
internal sealed record WidgetUpdateRequest(string? Title, string? EventPublicId, int? X, int? Y, int? W, int? H, string? ConfigJson);
