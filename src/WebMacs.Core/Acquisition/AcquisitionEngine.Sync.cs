using Microsoft.Extensions.Logging;
using WebMacs.Domain;
using WebMacs.Plugins;

namespace WebMacs.Acquisition;

// One sync (reference §2.11): load the enabled instances with their linked mappings from the IAcquisitionSource, then start, restart, re-map or
// leave each one.
internal sealed partial class AcquisitionEngine
{
    private async Task<List<InstanceSpec>> LoadAsync(CancellationToken ct)
    {
        var specs = await source.LoadAsync(ct).ConfigureAwait(false);

        // Instances of plugins another host acquires (AcquisitionOptions.PluginIds) are not this host's business.
        return options.PluginIds.Count == 0
            ? specs
            : [.. specs.Where(s => options.PluginIds.Contains(s.Definition.PluginId, StringComparer.Ordinal))];
    }

    private async Task ApplyAsync(InstanceSpec spec, CancellationToken ct)
    {
        if (runners.TryGetValue(spec.PublicId, out var running))
        {
            if (running.Spec.Definition == spec.Definition)
            {
                if (!running.Spec.SameMappings(spec))
                {
                    running.UpdateMappings(spec);
                    LogRemapped(logger, spec.PublicId, spec.Mappings.Count);
                }

                return;
            }

            // Edited (plugin, config_json, demo_mode, name): restart with the new definition; the old one disconnects first.
            runners.TryRemove(spec.PublicId, out _);
            await running.StopAsync(null, CancellationToken.None).ConfigureAwait(false);
            await running.DisposeAsync().ConfigureAwait(false);
            LogRestarting(logger, spec.PublicId);
        }

        if (unusable.TryGetValue(spec.PublicId, out var failed) && failed == spec.Definition)
        {
            return;
        }

        var plugin = await CreatePluginAsync(spec, ct).ConfigureAwait(false);
        if (plugin is null)
        {
            unusable[spec.PublicId] = spec.Definition;
            return;
        }

        unusable.Remove(spec.PublicId);
        var runner = new InstanceRunner(spec, plugin, sink, reporter, options, time, loggers.CreateLogger<InstanceRunner>());
        runners[spec.PublicId] = runner;
        runner.Start();
        LogInstanceStarted(logger, spec.PublicId, spec.Definition.PluginId, spec.Mappings.Count);
    }

    private async Task<DevicePlugin?> CreatePluginAsync(InstanceSpec spec, CancellationToken ct)
    {
        var pluginId = spec.Definition.PluginId;
        if (!Plugins().TryGetValue(pluginId, out var registration))
        {
            // Reference §9 #35: skipped with a warning, the others go on; the status says why.
            LogUnknownPlugin(logger, spec.PublicId, pluginId);
            await reporter.ReportAsync(spec.PublicId, PluginStatus.Error, $"The plugin '{pluginId}' is not installed on this host.", ct).ConfigureAwait(false);
            return null;
        }

        try
        {
            return registration.CreatePlugin(services);
        }
        catch (Exception ex)
        {
            LogCreateFailed(logger, ex, spec.PublicId, pluginId);
            await reporter.ReportAsync(spec.PublicId, PluginStatus.Error, $"The plugin '{pluginId}' could not be created: {ex.Message}", ct).ConfigureAwait(false);
            return null;
        }
    }

    /// <summary>
    /// Forgets the plugin table when the <see cref="PluginPackageLoader"/> loaded or unloaded a package since it was
    /// built, so a package uploaded while running is picked up; instances skipped for want of their plugin get another
    /// try. Returns true when the table was forgotten.
    /// </summary>
    private bool RefreshPlugins()
    {
        var generation = packages?.Generation ?? 0;
        if (plugins is not null && generation == pluginsGeneration)
        {
            return false;
        }

        var known = plugins is not null;
        plugins = null;
        pluginsGeneration = generation;
        unusable.Clear();
        return known;
    }

    /// <summary>
    /// Stops the instances whose plugin is no longer offered by the same type (its package was unloaded or replaced):
    /// they disconnect, writing their outputs' safe values; the same sync then reports them as an error (the plugin is
    /// not installed) or starts them again with the plugin's new type.
    /// </summary>
    private async Task StopOrphansAsync()
    {
        foreach (var (id, runner) in runners)
        {
            var pluginId = runner.Spec.Definition.PluginId;
            if (Plugins().TryGetValue(pluginId, out var registration) && registration.PluginType == runner.Plugin.GetType())
            {
                continue;
            }

            if (runners.TryRemove(id, out _))
            {
                await runner.StopAsync(null, CancellationToken.None).ConfigureAwait(false);
                await runner.DisposeAsync().ConfigureAwait(false);
                LogPluginGone(logger, id, pluginId);
            }
        }
    }

    /// <summary>
    /// The plugins by descriptor id: the compiled-in registrations first, then those of the loaded runtime packages;
    /// the first registration of an id wins, as in the catalogue.
    /// </summary>
    private Dictionary<string, DevicePluginRegistration> Plugins()
    {
        if (plugins is { } known)
        {
            return known;
        }

        var byId = new Dictionary<string, DevicePluginRegistration>(StringComparer.Ordinal);
        IEnumerable<DevicePluginRegistration> all = packages is null ? registrations : [.. registrations, .. packages.Registrations];
        foreach (var registration in all)
        {
            try
            {
                byId.TryAdd(registration.GetDescriptor(services).Id, registration);
            }
            catch (Exception ex)
            {
                LogUnusableRegistration(logger, ex, registration.PluginType.FullName ?? registration.PluginType.Name);
            }
        }

        return plugins = byId;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The plugin instances could not be loaded; the running ones go on and the next sync retries.")]
    private static partial void LogSyncFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Information, Message = "Plugin instance {InstanceId} ({PluginId}) started with {MappingCount} linked channels.")]
    private static partial void LogInstanceStarted(ILogger logger, Guid instanceId, string pluginId, int mappingCount);

    [LoggerMessage(Level = LogLevel.Information, Message = "Plugin instance {InstanceId} was disabled or deleted; it is disconnected.")]
    private static partial void LogInstanceStopped(ILogger logger, Guid instanceId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Plugin instance {InstanceId} was edited; it restarts.")]
    private static partial void LogRestarting(ILogger logger, Guid instanceId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Plugin instance {InstanceId} now has {MappingCount} linked channels.")]
    private static partial void LogRemapped(ILogger logger, Guid instanceId, int mappingCount);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Plugin instance {InstanceId} uses the plugin {PluginId}, which is not installed; it is skipped.")]
    private static partial void LogUnknownPlugin(ILogger logger, Guid instanceId, string pluginId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The plugin {PluginId} of instance {InstanceId} was unloaded or replaced; the instance is disconnected.")]
    private static partial void LogPluginGone(ILogger logger, Guid instanceId, string pluginId);

    [LoggerMessage(Level = LogLevel.Error, Message = "The plugin {PluginId} of instance {InstanceId} could not be created; it is skipped.")]
    private static partial void LogCreateFailed(ILogger logger, Exception exception, Guid instanceId, string pluginId);

    [LoggerMessage(Level = LogLevel.Error, Message = "The registered device plugin {PluginType} cannot describe itself; its instances are skipped.")]
    private static partial void LogUnusableRegistration(ILogger logger, Exception exception, string pluginType);

    [LoggerMessage(Level = LogLevel.Information, Message = "Acquisition stopped; {Count} plugin instances disconnected.")]
    private static partial void LogStopped(ILogger logger, int count);
}
