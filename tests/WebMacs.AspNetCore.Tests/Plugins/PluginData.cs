using Microsoft.EntityFrameworkCore;
using WebMacs.AspNetCore.Tests.Support;
using WebMacs.Domain;
using WebMacs.Testing.Hosting;

namespace WebMacs.AspNetCore.Tests.Plugins;

/// <summary>Arranges and reads plugin data directly through the host's own database context.</summary>
internal static class PluginData
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static string UniqueName(string prefix) => $"{prefix} {Guid.NewGuid():N}"[..(prefix.Length + 13)];

    public static Task<PluginInstance?> FindInstanceAsync(this WebMacsTestHost host, string instanceName) =>
        host.WithDbAsync(db => db.PluginInstances.AsNoTracking().Include(p => p.ChannelMappings).ThenInclude(m => m.Event)
            .FirstOrDefaultAsync(p => p.InstanceName == instanceName, Ct));

    public static Task<PluginInstance?> FindInstanceAsync(this WebMacsTestHost host, Guid publicId) =>
        host.WithDbAsync(db => db.PluginInstances.AsNoTracking().Include(p => p.ChannelMappings).ThenInclude(m => m.Event)
            .FirstOrDefaultAsync(p => p.PublicId == publicId, Ct));

    public static Task<ChannelMapping?> FindMappingAsync(this WebMacsTestHost host, Guid publicId) =>
        host.WithDbAsync(db => db.ChannelMappings.AsNoTracking().FirstOrDefaultAsync(m => m.PublicId == publicId, Ct));

    public static Task<Event?> FindEventAsync(this WebMacsTestHost host, string name) =>
        host.WithDbAsync(db => db.Events.AsNoTracking().FirstOrDefaultAsync(e => e.Name == name, Ct));

    public static Task<int> CountAsync<T>(this WebMacsTestHost host) where T : class =>
        host.WithDbAsync(db => db.Set<T>().CountAsync(Ct));

    public static async Task<Event> InsertEventAsync(this WebMacsTestHost host, string? name = null)
    {
        var owner = await host.GetUserIdAsync(WebMacsTestHost.AdminEmail);
        return await host.WithDbAsync(async db =>
        {
            var entity = new Event { Name = name ?? UniqueName("event"), MinValue = 0, MaxValue = 1, Unit = "V", Type = EventType.Sensor, UserId = owner };
            db.Events.Add(entity);
            await db.SaveChangesAsync(Ct);
            return entity;
        });
    }

    /// <summary>Inserts an instance with one unlinked mapping per channel id.</summary>
    public static async Task<PluginInstance> InsertInstanceAsync(this WebMacsTestHost host, params string[] channelIds)
    {
        var owner = await host.GetUserIdAsync(WebMacsTestHost.AdminEmail);
        return await host.WithDbAsync(async db =>
        {
            var instance = new PluginInstance { PluginId = "manual", InstanceName = UniqueName("instance"), CreatedOn = DateTime.UtcNow, UpdatedOn = DateTime.UtcNow, UserId = owner };
            foreach (var id in channelIds)
            {
                instance.ChannelMappings.Add(new ChannelMapping { ChannelId = id, ChannelName = id, Direction = ChannelDirection.Input, Unit = "V", CreatedOn = DateTime.UtcNow });
            }

            db.PluginInstances.Add(instance);
            await db.SaveChangesAsync(Ct);
            return instance;
        });
    }

    public static async Task<PluginPackage> InsertPackageAsync(this WebMacsTestHost host, string name, PluginSource source, string pluginIds, DateTime installedOn, string? filePath = null)
    {
        return await host.WithDbAsync(async db =>
        {
            var package = new PluginPackage
            {
                PackageName = name,
                Version = "1.2.3",
                Source = source,
                PluginIds = pluginIds,
                FilePath = filePath,
                FileSizeBytes = 2048,
                InstalledOn = installedOn,
            };
            db.PluginPackages.Add(package);
            await db.SaveChangesAsync(Ct);
            return package;
        });
    }

    public static Task<PluginPackage?> FindPackageAsync(this WebMacsTestHost host, Guid publicId) =>
        host.WithDbAsync(db => db.PluginPackages.AsNoTracking().FirstOrDefaultAsync(p => p.PublicId == publicId, Ct));
}
