using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using WebMacs.Ingestion;
using WebMacs.Webhooks;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Adds webhook delivery to WebMacs.</summary>
public static class WebhooksWebMacsBuilderExtensions
{
    /// <summary>
    /// Delivers webhooks from the durable outbox (<c>webhook_deliveries</c>): signed with the original's headers,
    /// 3 attempts with back-off, then <c>dead_letter</c>; resumed after a restart. Also queues the throttled
    /// <c>sensor.reading</c> webhooks of ingestion. Targets on internal addresses are refused unless
    /// <c>WEBHOOK_ALLOW_PRIVATE=true</c> or the host is in <c>WebMacs:Webhooks:AllowedHosts</c>. Calling it again
    /// changes nothing.
    /// </summary>
    /// <param name="builder">The WebMacs builder.</param>
    /// <param name="configure">Changes the options after they are bound from <c>WebMacs:Webhooks</c>.</param>
    /// <returns>The same builder.</returns>
    public static IWebMacsBuilder AddWebhooks(this IWebMacsBuilder builder, Action<WebhookOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        var configuration = builder.Configuration;
        var options = services.AddOptions<WebhookOptions>();
        if (services.Any(d => d.ServiceType == typeof(WebhookDispatcher)))
        {
            if (configure is not null)
            {
                options.Configure(configure);
            }

            return builder;
        }

        options
            .Configure(o =>
            {
                if (bool.TryParse(configuration["WEBHOOK_ALLOW_PRIVATE"], out var allow))
                {
                    o.AllowPrivateTargets = allow;
                }

                foreach (var host in (configuration["WEBHOOK_ALLOWED_HOSTS"] ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
                {
                    o.AllowedHosts.Add(host);
                }
            })
            .Bind(configuration.GetSection(WebhookOptions.SectionName))
            .ValidateOnStart();
        if (configure is not null)
        {
            // After the configuration, so the code's choices win.
            options.Configure(configure);
        }

        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<WebhookOptions>, WebhookOptionsValidator>());
        services.TryAddSingleton<WebhookSignal>();
        services.TryAddSingleton<WebhookTargetGuard>();
        services.TryAddSingleton<WebhookSender>();
        services.TryAddSingleton<WebhookSubscriptions>();
        services.AddHttpClient(WebhookSender.ClientName, (sp, client) => client.Timeout = sp.GetRequiredService<IOptions<WebhookOptions>>().Value.Timeout)
            .ConfigurePrimaryHttpMessageHandler(sp =>
            {
                var guard = sp.GetRequiredService<WebhookTargetGuard>();
                return new SocketsHttpHandler
                {
                    AllowAutoRedirect = false,
                    UseProxy = false,
                    ConnectCallback = (context, cancellationToken) => guard.ConnectAsync(context.DnsEndPoint.Host, context.DnsEndPoint.Port, cancellationToken),
                };
            });
        services.TryAddEnumerable(ServiceDescriptor.Singleton<ICommittedDataObserver, SensorReadingWebhooks>());
        services.AddSingleton<WebhookDispatcher>();
        services.AddHostedService(sp => sp.GetRequiredService<WebhookDispatcher>());
        return builder;
    }
}
