using Microsoft.Extensions.DependencyInjection.Extensions;
using WebMacs.Plugins;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers device plugins compiled into the host.</summary>
public static class DevicePluginWebMacsBuilderExtensions
{
    /// <summary>
    /// Registers the device plugin <typeparamref name="TPlugin"/>: the plugin catalogue lists it and instances of it
    /// can be created (a transient service per instance). Calling it again for the same type changes nothing.
    /// </summary>
    /// <typeparam name="TPlugin">A non-abstract <see cref="DevicePlugin"/> type.</typeparam>
    /// <param name="builder">The WebMacs builder.</param>
    /// <returns>The same builder.</returns>
    public static IWebMacsBuilder AddDevicePlugin<TPlugin>(this IWebMacsBuilder builder)
        where TPlugin : DevicePlugin => builder.AddDevicePlugin(typeof(TPlugin));

    /// <summary>Registers the device plugin <paramref name="pluginType"/> (see <see cref="AddDevicePlugin{TPlugin}"/>).</summary>
    /// <param name="builder">The WebMacs builder.</param>
    /// <param name="pluginType">A non-abstract <see cref="DevicePlugin"/> type.</param>
    /// <returns>The same builder.</returns>
    /// <exception cref="PluginLoadException">The type is not a usable plugin type.</exception>
    public static IWebMacsBuilder AddDevicePlugin(this IWebMacsBuilder builder, Type pluginType)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var registration = DevicePluginRegistration.Create(pluginType);
        var services = builder.Services;
        services.TryAddSingleton(TimeProvider.System);
        if (services.Any(d => d.ServiceType == typeof(DevicePluginRegistration)
            && d.ImplementationInstance is DevicePluginRegistration r && r.PluginType == pluginType))
        {
            return builder;
        }

        services.AddSingleton(registration);
        services.TryAddTransient(pluginType);
        return builder;
    }
}
