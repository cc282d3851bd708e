namespace WebMacs.Plugins;

/// <summary>
/// Marks an assembly as a WebMacs plugin package and names its plugin types, so a host can load the package at run
/// time: <c>[assembly: WebMacsPlugin(typeof(MyPlugin))]</c> (reference §4.10, the .NET counterpart of entry points).
/// </summary>
[AttributeUsage(AttributeTargets.Assembly, AllowMultiple = true, Inherited = false)]
public sealed class WebMacsPluginAttribute : Attribute
{
    /// <summary>Marks <paramref name="pluginType"/> as a plugin of this assembly.</summary>
    /// <param name="pluginType">A non-abstract <see cref="DevicePlugin"/> type.</param>
    public WebMacsPluginAttribute(Type pluginType)
    {
        PluginType = pluginType;
    }

    /// <summary>Gets the plugin type.</summary>
    public Type PluginType { get; }
}
