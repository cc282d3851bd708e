using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using WebMacs;
using WebMacs.Acquisition;
using WebMacs.Commands;
using WebMacs.Plugins;
using WebMacs.Uplink;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Adds the telemetry uplink (edge controller → backend) to WebMacs.</summary>
public static class UplinkWebMacsBuilderExtensions
{
    /// <summary>
    /// Sends the samples of the acquisition engine to a remote WebMacs backend over <c>/ws/controller/telemetry</c>
    /// with acknowledgements: samples go first into an on-disk store-and-forward buffer and leave it only when the
    /// backend acknowledged them, so a stopped backend, a cut network or a restart of either side loses nothing. A host
    /// with the uplink needs no store of its own: the acquisition engine reads its plugin instances from the backend's
    /// REST API (every page; the last good configuration is kept in <c>&lt;buffer&gt;-instances.json</c> for restarts
    /// without network) and reports their status to <c>PUT /api/v1/plugins/{id}/status</c>. With
    /// <see cref="UplinkOptions.DownloadPackages"/> (the default) it also downloads, checks and loads the plugin
    /// packages uploaded to the backend and unloads those removed there (kept in <c>&lt;buffer&gt;-packages</c> for
    /// restarts without network). Calling it again only applies <paramref name="configure"/>.
    /// </summary>
    /// <param name="builder">The WebMacs builder.</param>
    /// <param name="configure">Changes the options after they are bound from <c>WebMacs:Uplink</c>.</param>
    /// <returns>The same builder.</returns>
    public static IWebMacsBuilder AddUplink(this IWebMacsBuilder builder, Action<UplinkOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        var configuration = builder.Configuration;
        var first = !services.Any(d => d.ServiceType == typeof(UplinkClient));
        var options = services.AddOptions<UplinkOptions>();
        if (first)
        {
            options
                .Configure(o =>
                {
                    var url = configuration["WEBMACS_SERVER_URL"] ?? configuration["SERVER_URL"];
                    if (Uri.TryCreate(url, UriKind.Absolute, out var backend))
                    {
                        o.BackendUrl = backend;
                    }

                    o.ApiToken = configuration["WEBMACS_API_TOKEN"] ?? o.ApiToken;
                })
                .Bind(configuration.GetSection(UplinkOptions.SectionName))
                .ValidateOnStart();
        }

        if (configure is not null)
        {
            options.Configure(configure);
        }

        if (!first)
        {
            return builder;
        }

        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<UplinkOptions>, UplinkOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(sp => new TelemetryBuffer(
            sp.GetRequiredService<IOptions<UplinkOptions>>(), BufferDirectory(sp), sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ILogger<TelemetryBuffer>>()));
        services.Replace(ServiceDescriptor.Singleton<ITelemetrySink, UplinkTelemetrySink>());

        // The instances come from the backend's REST API (no local store); the last good configuration is kept next to the buffer.
        services.AddHttpClient(RemoteAcquisitionSource.HttpClientName, (sp, client) =>
            RemoteAcquisitionSource.ConfigureClient(sp.GetRequiredService<IOptions<UplinkOptions>>().Value, client));
        services.TryAddSingleton(sp => new RemotePackageSync(
            sp.GetRequiredService<IHttpClientFactory>(),
            sp.GetRequiredService<PluginPackageLoader>(),
            sp.GetRequiredService<IPluginCatalog>(),
            sp.GetRequiredService<IOptions<PluginPackageOptions>>(),
            PackageDirectory(sp),
            sp.GetRequiredService<ILogger<RemotePackageSync>>()));
        services.TryAddSingleton(sp => new RemoteAcquisitionSource(
            sp.GetRequiredService<IHttpClientFactory>(),
            sp.GetRequiredService<IOptions<UplinkOptions>>(),
            Path.TrimEndingDirectorySeparator(BufferDirectory(sp)) + "-instances.json",
            sp.GetRequiredService<ILogger<RemoteAcquisitionSource>>(),
            sp.GetRequiredService<IOptions<UplinkOptions>>().Value.DownloadPackages ? sp.GetRequiredService<RemotePackageSync>() : null));
        services.Replace(ServiceDescriptor.Singleton<IAcquisitionSource>(sp => sp.GetRequiredService<RemoteAcquisitionSource>()));
        services.AddSingleton(sp => new UplinkClient(
            sp.GetRequiredService<TelemetryBuffer>(),
            sp.GetRequiredService<IOptions<UplinkOptions>>(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILogger<UplinkClient>>(),
            sp.GetService<ICommandTarget>() ?? sp.GetService<AcquisitionEngine>()));
        services.AddHostedService(sp => sp.GetRequiredService<UplinkClient>());
        return builder;
    }

    /// <summary>
    /// The folder of downloaded plugin packages: <see cref="UplinkOptions.PackageDirectory"/> (relative to the data
    /// folder) or the buffer folder's name with <c>-packages</c>, beside it.
    /// </summary>
    internal static string PackageDirectory(IServiceProvider services)
    {
        var configured = services.GetRequiredService<IOptions<UplinkOptions>>().Value.PackageDirectory;
        return configured is { Length: > 0 }
            ? Path.GetFullPath(configured, DataDirectory(services))
            : Path.TrimEndingDirectorySeparator(BufferDirectory(services)) + "-packages";
    }

    /// <summary>The buffer folder: <see cref="UplinkOptions.BufferDirectory"/> (relative to the data folder) or <c>uplink</c> under it.</summary>
    internal static string BufferDirectory(IServiceProvider services)
    {
        var settings = services.GetRequiredService<IOptions<UplinkOptions>>().Value;
        var dataDirectory = DataDirectory(services);
        return settings.BufferDirectory is { Length: > 0 } configured ? Path.GetFullPath(configured, dataDirectory) : Path.Combine(dataDirectory, "uplink");
    }

    private static string DataDirectory(IServiceProvider services) =>
        Path.GetFullPath(services.GetRequiredService<IOptions<WebMacsOptions>>().Value.DataDirectory, services.GetRequiredService<IHostEnvironment>().ContentRootPath);
}
