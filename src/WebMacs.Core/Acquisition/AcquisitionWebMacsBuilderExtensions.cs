using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using WebMacs.Acquisition;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Adds the acquisition engine to WebMacs.</summary>
public static class AcquisitionWebMacsBuilderExtensions
{
    /// <summary>
    /// Polls the enabled plugin instances of the database with the device plugins registered by
    /// <c>AddDevicePlugin&lt;T&gt;()</c>: each instance on its own drift-free interval (<c>poll_interval_ms</c>, down to
    /// 10 ms), its linked channels stored with their sampling time through the ingestion pipeline. Failures stay with
    /// their instance, which reports its status, reconnects with its back-off and writes its outputs' safe values on
    /// disconnect and shutdown. Instances created, edited, disabled or deleted through the API start, restart and stop
    /// within <see cref="AcquisitionOptions.SyncInterval"/>. Call it after the storage (the engine stops before the
    /// pipeline then). Calling it again only applies <paramref name="configure"/>.
    /// </summary>
    /// <param name="builder">The WebMacs builder.</param>
    /// <param name="configure">Changes the options after they are bound from <c>WebMacs:Acquisition</c>.</param>
    /// <returns>The same builder.</returns>
    public static IWebMacsBuilder AddAcquisition(this IWebMacsBuilder builder, Action<AcquisitionOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        var first = !services.Any(d => d.ServiceType == typeof(AcquisitionEngine));
        var options = services.AddOptions<AcquisitionOptions>();
        if (first)
        {
            options.Bind(builder.Configuration.GetSection(AcquisitionOptions.SectionName)).ValidateOnStart();
        }

        if (configure is not null)
        {
            options.Configure(configure);
        }

        if (!first)
        {
            return builder;
        }

        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<AcquisitionOptions>, AcquisitionOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<ITelemetrySink, PipelineTelemetrySink>();
        services.TryAddSingleton<IAcquisitionSource, DatabaseAcquisitionSource>();
        services.TryAddSingleton<PluginStatusReporter>();
        services.AddSingleton<AcquisitionEngine>();
        services.AddHostedService(sp => sp.GetRequiredService<AcquisitionEngine>());
        return builder;
    }
}
