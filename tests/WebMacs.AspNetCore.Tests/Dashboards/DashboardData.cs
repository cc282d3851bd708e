using Microsoft.EntityFrameworkCore;
using WebMacs.AspNetCore.Tests.Support;
using WebMacs.Domain;
using WebMacs.Testing.Hosting;

namespace WebMacs.AspNetCore.Tests.Dashboards;

/// <summary>Arranges and reads dashboard data directly through the host's own database context.</summary>
internal static class DashboardData
{
    public static string UniqueName(string prefix) => $"{prefix} {Guid.NewGuid():N}"[..(prefix.Length + 13)];

    public static async Task<Event> InsertEventAsync(this WebMacsTestHost host, string? name = null, int? ownerId = null)
    {
        var owner = ownerId ?? await host.GetUserIdAsync(WebMacsTestHost.AdminEmail);
        return await host.WithDbAsync(async db =>
        {
            var entity = new Event { Name = name ?? UniqueName("event"), MinValue = 0, MaxValue = 100, Unit = "°C", Type = EventType.Sensor, UserId = owner };
            db.Events.Add(entity);
            await db.SaveChangesAsync(TestContext.Current.CancellationToken);
            return entity;
        });
    }

    public static Task<Dashboard?> FindDashboardAsync(this WebMacsTestHost host, Guid publicId) =>
        host.WithDbAsync(db => db.Dashboards.AsNoTracking().Include(d => d.Widgets).FirstOrDefaultAsync(d => d.PublicId == publicId, TestContext.Current.CancellationToken));

    public static Task<DashboardWidget?> FindWidgetAsync(this WebMacsTestHost host, Guid publicId) =>
        host.WithDbAsync(db => db.DashboardWidgets.AsNoTracking().FirstOrDefaultAsync(w => w.PublicId == publicId, TestContext.Current.CancellationToken));

    public static Task<int> CountVisibleDashboardsAsync(this WebMacsTestHost host, int userId) =>
        host.WithDbAsync(db => db.Dashboards.CountAsync(d => d.UserId == userId || d.IsGlobal, TestContext.Current.CancellationToken));

    public static Task<Guid> GetUserPublicIdAsync(this WebMacsTestHost host, int userId) =>
        host.WithDbAsync(db => db.Users.Where(u => u.Id == userId).Select(u => u.PublicId).SingleAsync(TestContext.Current.CancellationToken));
}
