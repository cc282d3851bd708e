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

        // One instance: the telemetry socket asks it to replay the latest output values on hello.
        services.TryAddSingleton<CommandDispatcher>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<ICommittedDataObserver, CommandDispatcher>(sp => sp.GetRequiredService<CommandDispatcher>()));
    }
}
