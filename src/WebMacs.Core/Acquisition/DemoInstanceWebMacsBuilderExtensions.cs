using Microsoft.Extensions.Logging;
using WebMacs.Acquisition;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Adds a demo plugin instance to a fresh WebMacs database.</summary>
public static class DemoInstanceWebMacsBuilderExtensions
{
    /// <summary>
    /// Creates one enabled, demo-mode instance of <paramref name="pluginId"/> (with linked events for its channels) at
    /// start when the database has no plugin instance at all; with <c>AddAcquisition()</c> it streams at once. Meant for
    /// development and demos; an existing installation is never changed.
    /// </summary>
    /// <param name="builder">The WebMacs builder.</param>
    /// <param name="pluginId">The plugin to instantiate (default <c>simulated</c>).</param>
    /// <param name="instanceName">The instance's name (default <c>Demo</c>).</param>
    /// <returns>The same builder.</returns>
    public static IWebMacsBuilder AddDemoInstance(this IWebMacsBuilder builder, string pluginId = "simulated", string instanceName = "Demo")
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrEmpty(pluginId);
        ArgumentException.ThrowIfNullOrEmpty(instanceName);
        builder.Services.AddHostedService(sp => new DemoInstanceSeeder(
            sp.GetRequiredService<IServiceScopeFactory>(), pluginId, instanceName, sp.GetRequiredService<ILogger<DemoInstanceSeeder>>()));
        return builder;
    }
}
