using System.Reflection;
using Microsoft.Extensions.DependencyInjection;

namespace WebMacs.Plugins;

/// <summary>
/// Records one device plugin type registered with <c>AddDevicePlugin&lt;T&gt;()</c> (or loaded from a plugin
/// package). Hosts resolve <c>IEnumerable&lt;DevicePluginRegistration&gt;</c> to list the installed plugins and
/// create instances.
/// </summary>
public sealed class DevicePluginRegistration
{
    private PluginDescriptor? descriptor;

    private DevicePluginRegistration(Type pluginType, string source)
    {
        PluginType = pluginType;
        Source = source;
    }

    /// <summary>Gets the plugin type.</summary>
    public Type PluginType { get; }

    /// <summary>Gets where the plugin came from: <c>registered</c> (compiled in) or the package it was loaded from.</summary>
    public string Source { get; }

    /// <summary>Validates <paramref name="pluginType"/> and creates its registration.</summary>
    /// <param name="pluginType">A public, non-abstract <see cref="DevicePlugin"/> type.</param>
    /// <param name="source">Where the plugin came from; <c>registered</c> for compiled-in plugins.</param>
    /// <returns>The registration.</returns>
    /// <exception cref="PluginLoadException">The type is not a usable plugin type.</exception>
    public static DevicePluginRegistration Create(Type pluginType, string source = "registered")
    {
        ArgumentNullException.ThrowIfNull(pluginType);
        var name = pluginType.FullName ?? pluginType.Name;
        if (!typeof(DevicePlugin).IsAssignableFrom(pluginType))
        {
            throw new PluginLoadException(name, $"{name} does not derive from {nameof(DevicePlugin)}.");
        }

        if (pluginType.IsAbstract || pluginType.IsGenericTypeDefinition)
        {
            throw new PluginLoadException(name, $"{name} is abstract or generic and cannot be instantiated.");
        }

        return new DevicePluginRegistration(pluginType, source ?? "registered");
    }

    /// <summary>Lists the plugin types an assembly declares with <see cref="WebMacsPluginAttribute"/>.</summary>
    /// <param name="assembly">The plugin assembly.</param>
    /// <returns>The registrations, one per attribute.</returns>
    /// <exception cref="PluginLoadException">An attribute names an unusable type.</exception>
    public static IReadOnlyList<DevicePluginRegistration> FromAssembly(Assembly assembly)
    {
        ArgumentNullException.ThrowIfNull(assembly);
        return [.. assembly.GetCustomAttributes<WebMacsPluginAttribute>().Select(a => Create(a.PluginType, assembly.GetName().Name ?? "assembly"))];
    }

    /// <summary>Creates a new, unconfigured plugin instance, injecting constructor parameters from <paramref name="services"/>.</summary>
    /// <param name="services">The services the plugin's constructor may take (e.g. <see cref="TimeProvider"/> or a logger).</param>
    /// <returns>The plugin, in <see cref="PluginState.Discovered"/>; the caller disposes it.</returns>
    public DevicePlugin CreatePlugin(IServiceProvider services)
    {
        ArgumentNullException.ThrowIfNull(services);
        try
        {
            return (DevicePlugin)ActivatorUtilities.CreateInstance(services, PluginType);
        }
        catch (Exception ex) when (ex is InvalidOperationException or TargetInvocationException or MissingMethodException)
        {
            throw new PluginLoadException(PluginType.FullName ?? PluginType.Name, $"The plugin could not be created: {(ex.InnerException ?? ex).Message}", ex);
        }
    }

    /// <summary>Gets the plugin's descriptor (read once from a throw-away instance), checking that id and version are set.</summary>
    /// <param name="services">The services the plugin's constructor may take.</param>
    /// <returns>The descriptor.</returns>
    /// <exception cref="PluginLoadException">The plugin cannot be created or its descriptor lacks an id or version.</exception>
    public PluginDescriptor GetDescriptor(IServiceProvider services)
    {
        if (descriptor is { } known)
        {
            return known;
        }

        var plugin = CreatePlugin(services);
        try
        {
            var found = plugin.Descriptor;
            var name = PluginType.FullName ?? PluginType.Name;
            if (found is null || string.IsNullOrWhiteSpace(found.Id) || string.IsNullOrWhiteSpace(found.Version))
            {
                throw new PluginLoadException(name, "The plugin descriptor needs a non-empty id and version.");
            }

            descriptor = found;
            return found;
        }
        finally
        {
            // Never connected, so disposing only releases what the constructor acquired.
            plugin.DisposeAsync().AsTask().GetAwaiter().GetResult();
        }
    }
}
