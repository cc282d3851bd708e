using Microsoft.Extensions.Logging;
using WebMacs.Domain;

namespace WebMacs.Acquisition;

/// <summary>
/// Reports an instance's health through the <see cref="IAcquisitionSource"/> (the local database or the backend), so
/// the API and the UI show it. Failures are logged; the caller reports again on the next change.
/// </summary>
internal sealed partial class PluginStatusReporter(IAcquisitionSource source, ILogger<PluginStatusReporter> logger)
{
    private const int MaxMessageLength = 2000;

    /// <summary>Stores the status; returns false when it could not be stored.</summary>
    public async Task<bool> ReportAsync(Guid instanceId, PluginStatus status, string? error, CancellationToken cancellationToken)
    {
        var message = error is { Length: > MaxMessageLength } ? error[..MaxMessageLength] : error;
        try
        {
            await source.ReportStatusAsync(instanceId, status, message, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return false;
        }
        catch (Exception ex)
        {
            LogReportFailed(logger, ex, instanceId, status);
            return false;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The status {Status} of plugin instance {InstanceId} could not be stored.")]
    private static partial void LogReportFailed(ILogger logger, Exception exception, Guid instanceId, PluginStatus status);
}
