using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using WebMacs.Ingestion;

namespace WebMacs.Commands;

/// <summary>The command instruments, on the meter <c>WebMacs.Ingestion</c>: commands pushed, dropped and failed.</summary>
internal sealed class CommandMetrics : IDisposable
{
    private readonly Meter meter;
    private readonly bool owned;
    private readonly Counter<long> sent;
    private readonly Counter<long> dropped;
    private readonly Counter<long> failed;

    public CommandMetrics(IServiceProvider services)
    {
        var factory = services.GetService<IMeterFactory>();
        owned = factory is null;
        meter = factory?.Create(IngestionMetrics.MeterName) ?? new Meter(IngestionMetrics.MeterName);
        sent = meter.CreateCounter<long>("webmacs.commands.sent", "{command}", "Actuator commands queued to a controller socket.");
        dropped = meter.CreateCounter<long>("webmacs.commands.dropped", "{command}", "Actuator commands dropped because a controller's queue was full.");
        failed = meter.CreateCounter<long>("webmacs.commands.failed", "{command}", "Actuator commands a controller acknowledged with ok=false.");
    }

    public void Sent() => sent.Add(1);

    public void Dropped() => dropped.Add(1);

    public void Failed() => failed.Add(1);

    public void Dispose()
    {
        if (owned)
        {
            meter.Dispose();
        }
    }
}
