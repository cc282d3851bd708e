using Microsoft.Extensions.Configuration;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>
/// Configures WebMacs services. Every WebMacs feature (storage providers, rules, device plugins, …) is an
/// extension method on this interface, so a host reads like
/// <c>services.AddWebMacs(configuration).AddPostgres().AddRules()</c>.
/// </summary>
public interface IWebMacsBuilder
{
    /// <summary>Gets the service collection that WebMacs features register into.</summary>
    IServiceCollection Services { get; }

    /// <summary>Gets the configuration that WebMacs features bind their options from.</summary>
    IConfiguration Configuration { get; }
}
