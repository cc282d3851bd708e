using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using WebMacs.RevPi;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Adds Revolution Pi I/O to WebMacs.</summary>
public static class RevPiWebMacsBuilderExtensions
{
    /// <summary>
    /// Registers the Revolution Pi device plugin (<see cref="RevPiPlugin"/>, id <c>revpi</c>) and binds
    /// <see cref="RevPiOptions"/> from <c>WebMacs:RevPi</c>; invalid settings stop the host at start with a message naming
    /// the setting. Those settings are the defaults of every RevPi plugin instance. Calling it again registers nothing
    /// twice; a further <paramref name="configure"/> is applied after the earlier ones.
    /// </summary>
    /// <param name="builder">The WebMacs builder.</param>
    /// <param name="configure">Changes the options after they are bound.</param>
    /// <returns>The same builder.</returns>
    public static IWebMacsBuilder AddRevPi(this IWebMacsBuilder builder, Action<RevPiOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        var first = !services.Any(d => d.ServiceType == typeof(IValidateOptions<RevPiOptions>) && d.ImplementationType == typeof(RevPiOptionsValidator));
        var options = services.AddOptions<RevPiOptions>();
        if (first)
        {
            options.Bind(builder.Configuration.GetSection(RevPiOptions.SectionName)).ValidateOnStart();
            services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<RevPiOptions>, RevPiOptionsValidator>());
        }

        if (configure is not null)
        {
            options.Configure(configure);
        }

        builder.AddDevicePlugin<RevPiPlugin>();
        return builder;
    }
}
