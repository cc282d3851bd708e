using Microsoft.Extensions.DependencyInjection.Extensions;
using WebMacs.Ingestion;
using WebMacs.Rules;
using WebMacs.Webhooks;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Adds the rules engine to WebMacs.</summary>
public static class RulesWebMacsBuilderExtensions
{
    /// <summary>
    /// Evaluates the enabled rules on every committed datapoint batch (the last value of each event; seven operators;
    /// cooldown by an atomic conditional update). A <c>webhook</c> rule queues webhook deliveries (delivered by
    /// <c>AddWebhooks()</c>); a <c>log</c> rule writes a warning log entry. Without it, rules can be managed through the
    /// API but never fire. Calling it again changes nothing.
    /// </summary>
    /// <param name="builder">The WebMacs builder.</param>
    /// <returns>The same builder.</returns>
    public static IWebMacsBuilder AddRules(this IWebMacsBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.TryAddSingleton<WebhookSignal>();
        builder.Services.TryAddSingleton<RuleCache>();
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<ICommittedDataObserver, RuleEngine>());
        return builder;
    }
}
