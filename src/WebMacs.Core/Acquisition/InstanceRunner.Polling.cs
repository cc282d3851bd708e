using Microsoft.Extensions.Logging;
using WebMacs.Domain;
using WebMacs.Plugins;

namespace WebMacs.Acquisition;

// The poll loop of a connected instance (reference §2.7, per instance and on its own interval).
internal sealed partial class InstanceRunner
{
    /// <summary>Polls until too many polls in a row failed; returns why. Cancellation ends it with an exception.</summary>
    private async Task<string> PollAsync(TimeSpan interval, SampleFilter filter, CancellationToken ct)
    {
        var ticker = new PollTicker(time, interval);
        var samples = new List<AcquiredSample>();
        var failed = 0;
        while (true)
        {
            await ticker.WaitAsync(ct).ConfigureAwait(false);
            Interlocked.Exchange(ref missed, ticker.Missed);
            var errorsBefore = plugin.ErrorCount;
            var sampledAt = time.GetUtcNow().UtcDateTime;
            var stamp = time.GetTimestamp();
            IReadOnlyList<ChannelReading> readings;
            string? failure = null;
            try
            {
                readings = await plugin.ReadInputsAsync(ct).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                throw;
            }
            catch (Exception ex)
            {
                readings = [];
                failure = MessageOf(ex);
            }

            Interlocked.Increment(ref polls);

            // A poll failed when it threw, or when it read nothing while the plugin counted new errors (the SDK turns a
            // failing device into null readings and counts the errors).
            failure ??= readings.Count > 0 && plugin.ErrorCount > errorsBefore && readings.All(r => r?.Value is null)
                ? plugin.LastError ?? "Every read of the poll failed."
                : null;
            if (failure is not null)
            {
                if (++failed >= options.FailedPollsBeforeReconnect)
                {
                    return failure;
                }

                continue;
            }

            if (failed > 0 || Volatile.Read(ref attempts) > 0 || reported?.Status is not (PluginStatus.Connected or PluginStatus.Demo))
            {
                failed = 0;
                Volatile.Write(ref attempts, 0);
                await ReportAsync(plugin.IsDemoMode ? PluginStatus.Demo : PluginStatus.Connected, null, ct).ConfigureAwait(false);
            }

            samples.Clear();
            filter.Collect(readings, spec.Mappings, sampledAt, stamp, samples);
            await PublishAsync(samples, ct).ConfigureAwait(false);
        }
    }

    private async Task PublishAsync(List<AcquiredSample> samples, CancellationToken ct)
    {
        var size = options.MaxBatchSize;
        for (var start = 0; start < samples.Count; start += size)
        {
            // Each chunk is its own list: the sink may keep it (the uplink buffers it).
            var chunk = samples.GetRange(start, Math.Min(size, samples.Count - start));
            try
            {
                await sink.PublishAsync(chunk, ct).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                throw;
            }
            catch (Exception ex)
            {
                LogPublishFailed(logger, ex, spec.PublicId, samples.Count - start);
                return;
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Plugin instance {InstanceId} connected (demo mode: {DemoMode}); polling.")]
    private static partial void LogConnected(ILogger logger, Guid instanceId, bool demoMode);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Plugin instance {InstanceId} could not connect (reconnect attempt {Attempt}): {Reason}")]
    private static partial void LogConnectFailed(ILogger logger, Guid instanceId, int attempt, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "Plugin instance {InstanceId} ({PluginId}) rejected its configuration; it waits for an edit.")]
    private static partial void LogConfigureFailed(ILogger logger, Exception exception, Guid instanceId, string pluginId);

    [LoggerMessage(Level = LogLevel.Error, Message = "Plugin instance {InstanceId} gave up after {MaxAttempts} reconnect attempts; edit or re-enable it to retry.")]
    private static partial void LogGaveUp(ILogger logger, Guid instanceId, int maxAttempts);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Plugin instance {InstanceId} failed {Count} polls in a row ({Reason}); reconnecting.")]
    private static partial void LogPollsFailed(ILogger logger, Guid instanceId, int count, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "The telemetry sink did not take {Count} samples of plugin instance {InstanceId}; they are dropped.")]
    private static partial void LogPublishFailed(ILogger logger, Exception exception, Guid instanceId, int count);

    [LoggerMessage(Level = LogLevel.Error, Message = "The loop of plugin instance {InstanceId} failed unexpectedly; the instance stops.")]
    private static partial void LogLoopFailed(ILogger logger, Exception exception, Guid instanceId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Plugin instance {InstanceId} could not be disposed.")]
    private static partial void LogDisposeFailed(ILogger logger, Exception exception, Guid instanceId);
}
