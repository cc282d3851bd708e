using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace WebMacs.AspNetCore.WebSockets;

/// <summary>Registers the options of the WebMacs WebSockets.</summary>
internal static class WebSocketRegistration
{
    public static void AddWebMacsWebSockets(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<WebMacsWebSocketOptions>().Bind(configuration.GetSection(WebMacsWebSocketOptions.SectionName)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<WebMacsWebSocketOptions>, WebMacsWebSocketOptionsValidator>());
    }
}
