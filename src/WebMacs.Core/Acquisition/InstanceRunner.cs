using Microsoft.Extensions.Logging;
using WebMacs.Domain;
using WebMacs.Plugins;

namespace WebMacs.Acquisition;

/// <summary>
/// Runs one plugin instance in a loop of its own, so that its failures never reach another instance: configure, connect
/// (retried with the instance's <see cref="RetryPolicy"/> back-off), then poll on the drift-free schedule of its
/// <c>poll_interval_ms</c>; after <see cref="AcquisitionOptions.FailedPollsBeforeReconnect"/> failed polls it reports
/// the error, disconnects (outputs to their safe values) and reconnects. Its health goes to the database whenever it
/// changes. <see cref="StopAsync"/> ends the loop and disconnects, writing the safe values.
/// </summary>
internal sealed partial class InstanceRunner : IAsyncDisposable
{
    private readonly DevicePlugin plugin;
    private readonly ITelemetrySink sink;
    private readonly PluginStatusReporter reporter;
    private readonly AcquisitionOptions options;
    private readonly TimeProvider time;
    private readonly ILogger logger;
    private readonly CancellationTokenSource stopping = new();
    private volatile InstanceSpec spec;
    private Task loop = Task.CompletedTask;
    private (PluginStatus Status, string? Error)? reported;
    private long polls;
    private long missed;
    private int attempts;
    private int stopped;

    public InstanceRunner(InstanceSpec spec, DevicePlugin plugin, ITelemetrySink sink, PluginStatusReporter reporter, AcquisitionOptions options, TimeProvider time, ILogger logger)
    {
        this.spec = spec;
        this.plugin = plugin;
        this.sink = sink;
        this.reporter = reporter;
        this.options = options;
        this.time = time;
        this.logger = logger;
    }

    /// <summary>Gets the instance as last synchronised from the database.</summary>
    public InstanceSpec Spec => spec;

    /// <summary>Gets the plugin the runner owns.</summary>
    public DevicePlugin Plugin => plugin;

    /// <summary>Gets how many polls ran.</summary>
    public long Polls => Interlocked.Read(ref polls);

    /// <summary>Gets how many scheduled polls were skipped because a poll overran them.</summary>
    public long MissedPolls => Interlocked.Read(ref missed);

    /// <summary>Gets the health of the instance, with the reconnect attempts since the last good poll.</summary>
    public PluginHealthReport Health => plugin.CheckHealth() with { ReconnectAttempts = Volatile.Read(ref attempts) };

    /// <summary>Starts the loop.</summary>
    public void Start() => loop = Task.Run(() => RunAsync(stopping.Token), CancellationToken.None);

    /// <summary>Takes new channel mappings; the next poll uses them.</summary>
    public void UpdateMappings(InstanceSpec updated) => spec = updated;

    /// <summary>
    /// Ends the loop, then disconnects the plugin (safe values first) and, when <paramref name="final"/> is given, stores
    /// that status. <paramref name="cancellationToken"/> bounds the hardware calls and the status update.
    /// </summary>
    public async Task StopAsync(PluginStatus? final, CancellationToken cancellationToken)
    {
        if (Interlocked.Exchange(ref stopped, 1) == 1)
        {
            return;
        }

        await stopping.CancelAsync().ConfigureAwait(false);
        await loop.WaitAsync(cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        await plugin.DisconnectAsync(cancellationToken).ConfigureAwait(false);
        if (final is { } status)
        {
            await reporter.ReportAsync(spec.PublicId, status, null, cancellationToken).ConfigureAwait(false);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync(null, CancellationToken.None).ConfigureAwait(false);
        try
        {
            await plugin.DisposeAsync().ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            LogDisposeFailed(logger, ex, spec.PublicId);
        }

        stopping.Dispose();
    }

    private async Task RunAsync(CancellationToken ct)
    {
        try
        {
            if (await ConfigureAsync(ct).ConfigureAwait(false) is not { } configured)
            {
                return;
            }

            await ConnectAndPollAsync(configured, ct).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // Stopping: StopAsync disconnects.
        }
        catch (Exception ex)
        {
            // Never expected (every step handles its own failures), but an instance must not take the host down.
            LogLoopFailed(logger, ex, spec.PublicId);
            await ReportAsync(PluginStatus.Error, ex.Message, CancellationToken.None).ConfigureAwait(false);
        }
    }

    private async Task<PluginInstanceOptions?> ConfigureAsync(CancellationToken ct)
    {
        var definition = spec.Definition;
        try
        {
            plugin.Configure(DevicePluginDefinition.WithDemoMode(definition.ConfigJson, definition.DemoMode));
            return plugin.Options;
        }
        catch (Exception ex)
        {
            // A bad configuration does not heal by retrying: the instance waits for an edit (the sync restarts it).
            LogConfigureFailed(logger, ex, spec.PublicId, definition.PluginId);
            await ReportAsync(PluginStatus.Error, $"Configuration rejected: {MessageOf(ex)}", ct).ConfigureAwait(false);
            return null;
        }
    }

    private async Task ConnectAndPollAsync(PluginInstanceOptions configured, CancellationToken ct)
    {
        var policy = configured.RetryPolicy ?? new RetryPolicy();
        var interval = TimeSpan.FromMilliseconds(Math.Max(10, configured.PollIntervalMs));
        var filter = new SampleFilter(spec.PublicId, interval, options.DeduplicateUnchanged, time);
        while (true)
        {
            var attempt = Volatile.Read(ref attempts);
            if (attempt > 0)
            {
                if (policy.MaxAttempts > 0 && attempt > policy.MaxAttempts)
                {
                    LogGaveUp(logger, spec.PublicId, policy.MaxAttempts);
                    await ReportAsync(PluginStatus.Error, $"Gave up after {policy.MaxAttempts} reconnect attempts: {plugin.LastError}", ct).ConfigureAwait(false);
                    return;
                }

                await Task.Delay(policy.DelayFor(attempt), time, ct).ConfigureAwait(false);
            }

            if (!await TryConnectAsync(ct).ConfigureAwait(false))
            {
                Interlocked.Increment(ref attempts);
                continue;
            }

            var failure = await PollAsync(interval, filter, ct).ConfigureAwait(false);
            LogPollsFailed(logger, spec.PublicId, options.FailedPollsBeforeReconnect, failure);
            await ReportAsync(PluginStatus.Error, failure, ct).ConfigureAwait(false);
            await plugin.DisconnectAsync(ct).ConfigureAwait(false);
            Interlocked.Increment(ref attempts);
        }
    }

    private async Task<bool> TryConnectAsync(CancellationToken ct)
    {
        try
        {
            await plugin.ConnectAsync(ct).ConfigureAwait(false);
            LogConnected(logger, spec.PublicId, plugin.IsDemoMode);
            return true;
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception ex)
        {
            LogConnectFailed(logger, spec.PublicId, Volatile.Read(ref attempts), MessageOf(ex));
            await ReportAsync(PluginStatus.Error, MessageOf(ex), ct).ConfigureAwait(false);
            return false;
        }
    }

    private async Task ReportAsync(PluginStatus status, string? error, CancellationToken ct)
    {
        if (reported is { } last && last.Status == status && string.Equals(last.Error, error, StringComparison.Ordinal))
        {
            return;
        }

        if (await reporter.ReportAsync(spec.PublicId, status, error, ct).ConfigureAwait(false))
        {
            reported = (status, error);
        }
    }

    private static string MessageOf(Exception ex) => ex is PluginException plugin ? plugin.Detail : ex.Message;
}
