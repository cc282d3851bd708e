using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using WebMacs.Ingestion;

namespace WebMacs.Commands;

/// <summary>Registers pushed actuator commands: the controller registry, the output-channel cache and the dispatcher.</summary>
internal static class CommandsRegistration
{
    public static void AddCommands(IServiceCollection services)
    {
        services.TryAddSingleton<ControllerRegistry>();
        services.TryAddSingleton<OutputChannelCache>();
        services.TryAddSingleton<CommandMetrics>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<ICommittedDataObserver, CommandDispatcher>());
    }
}
