using System.Net.Http.Headers;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using WebMacs.Configuration;
using WebMacs.Persistence;

namespace WebMacs.Ota;

/// <summary>Registers the OTA options (with the original's environment names) and the HTTP clients of the OTA routes.</summary>
internal static class OtaRegistration
{
    /// <summary>The name of the <see cref="HttpClient"/> that asks GitHub for the latest release.</summary>
    public const string GitHubClient = "WebMacs.Ota.GitHub";

    /// <summary>The name of the <see cref="HttpClient"/> that downloads firmware (timeouts are applied per read).</summary>
    public const string DownloadClient = "WebMacs.Ota.Download";

    public const string GitHubRepoVariable = "GITHUB_REPO";
    public const string UpdateDirectoryVariable = "WEBMACS_UPDATE_DIR";

    public static void AddOtaInfrastructure(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<OtaOptions>()
            .Configure(o => ApplyLegacyEnvironment(o, configuration))
            .Bind(configuration.GetSection(OtaOptions.SectionName))
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<OtaOptions>, OtaOptionsValidator>());

        services.AddHttpClient(GitHubClient, (provider, client) =>
        {
            var options = provider.GetRequiredService<IOptions<OtaOptions>>().Value;
            var baseUrl = options.GitHubApiUrl.AbsoluteUri;
            client.BaseAddress = new Uri(baseUrl.EndsWith('/') ? baseUrl : baseUrl + "/");
            client.Timeout = options.GitHubTimeout;
            client.MaxResponseContentBufferSize = 4 * 1024 * 1024;
            client.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("application/vnd.github+json"));
            client.DefaultRequestHeaders.UserAgent.Add(new ProductInfoHeaderValue("WebMacs", StartupInitializer.ApiVersion));
        });
        services.AddHttpClient(DownloadClient, client =>
        {
            client.Timeout = Timeout.InfiniteTimeSpan;
            client.DefaultRequestHeaders.UserAgent.Add(new ProductInfoHeaderValue("WebMacs", StartupInitializer.ApiVersion));
        });

        services.TryAddSingleton<OtaPaths>();
        services.TryAddSingleton<GitHubReleases>();
        services.TryAddSingleton<FirmwareDownloader>();
        services.TryAddSingleton<BundleStore>();
    }

    private static void ApplyLegacyEnvironment(OtaOptions options, IConfiguration configuration)
    {
        // An empty GITHUB_REPO is meaningful: it turns the GitHub check off.
        if (configuration[GitHubRepoVariable] is { } repo) options.GitHubRepo = repo;
        if (LegacyEnvironment.Get(configuration, UpdateDirectoryVariable) is { } directory) options.UpdateDirectory = directory;
    }
}
