using System.Collections.Concurrent;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using WebMacs.Domain;
using WebMacs.Persistence;
using WebMacs.Plugins;

namespace WebMacs.Acquisition;

/// <summary>
/// Polls the enabled plugin instances of the <see cref="IAcquisitionSource"/> (the database or the backend; reference §2.6–2.7, per instance instead of one shared loop):
/// every <see cref="InstanceRunner"/> has its own interval, connection and back-off, and hands its samples, stamped
/// with their sampling time, to the <see cref="ITelemetrySink"/>. A sync loop re-reads the instances and mappings every
/// <see cref="AcquisitionOptions.SyncInterval"/> (and soon after this process changed them) to start, restart, re-map and
/// stop instances without a restart (§2.11, with the §8 fixes #1 and #9). Stopping the host disconnects every instance,
/// writing the outputs' safe values (§2.15, without waiting for sleeps: §8 #14).
/// </summary>
internal sealed partial class AcquisitionEngine : IHostedService, IAsyncDisposable
{
    private static readonly TimeSpan ChangeCheckInterval = TimeSpan.FromMilliseconds(250);
    private readonly ConcurrentDictionary<Guid, InstanceRunner> runners = new();
    private readonly Dictionary<Guid, InstanceDefinition> unusable = [];
    private readonly IServiceProvider services;
    private readonly IReadOnlyList<DevicePluginRegistration> registrations;
    private readonly ITelemetrySink sink;
    private readonly PluginStatusReporter reporter;
    private readonly IAcquisitionSource source;
    private readonly DataVersions versions;
    private readonly TimeProvider time;
    private readonly AcquisitionOptions options;
    private readonly ILoggerFactory loggers;
    private readonly ILogger logger;
    private readonly CancellationTokenSource stopping = new();
    private readonly PluginPackageLoader? packages;
    private Dictionary<string, DevicePluginRegistration>? plugins;
    private int pluginsGeneration;
    private Task syncLoop = Task.CompletedTask;
    private int disposed;

    public AcquisitionEngine(
        IServiceProvider services,
        IEnumerable<DevicePluginRegistration> registrations,
        ITelemetrySink sink,
        PluginStatusReporter reporter,
        IAcquisitionSource source,
        DataVersions versions,
        TimeProvider time,
        IOptions<AcquisitionOptions> options,
        ILoggerFactory loggers,
        PluginPackageLoader? packages = null)
    {
        this.packages = packages;
        this.services = services;
        this.registrations = [.. registrations];
        this.sink = sink;
        this.reporter = reporter;
        this.source = source;
        this.versions = versions;
        this.time = time;
        this.options = options.Value;
        this.loggers = loggers;
        logger = loggers.CreateLogger<AcquisitionEngine>();
    }

    /// <summary>Gets the running instances.</summary>
    public IReadOnlyCollection<InstanceRunner> Runners => [.. runners.Values];

    /// <summary>Gets the runner of an instance, or null when it is not running.</summary>
    public InstanceRunner? Find(Guid instanceId) => runners.GetValueOrDefault(instanceId);

    public Task StartAsync(CancellationToken cancellationToken)
    {
        syncLoop = Task.Run(() => SyncLoopAsync(stopping.Token), CancellationToken.None);
        return Task.CompletedTask;
    }

    /// <summary>Ends the sync loop, then stops every instance at once: loops end, safe values are written, status becomes inactive.</summary>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await stopping.CancelAsync().ConfigureAwait(false);
        await syncLoop.WaitAsync(cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        var all = runners.Values.ToList();
        runners.Clear();
        await Task.WhenAll(all.Select(r => r.StopAsync(PluginStatus.Inactive, cancellationToken))).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        foreach (var runner in all)
        {
            await runner.DisposeAsync().ConfigureAwait(false);
        }

        LogStopped(logger, all.Count);
    }

    public async ValueTask DisposeAsync()
    {
        // Registered both as itself and as a hosted service: the container disposes it twice.
        if (Interlocked.Exchange(ref disposed, 1) == 1)
        {
            return;
        }

        await stopping.CancelAsync().ConfigureAwait(false);
        await syncLoop.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        foreach (var runner in runners.Values)
        {
            await runner.DisposeAsync().ConfigureAwait(false);
        }

        runners.Clear();
        stopping.Dispose();
    }

    /// <summary>Synchronises now (also what the loop does); exposed for tests and hosts that know the data changed.</summary>
    public async Task SyncAsync(CancellationToken cancellationToken)
    {
        List<InstanceSpec> wanted;
        try
        {
            wanted = await LoadAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // Like the original's plugin_sync_fetch_failed: keep what runs, try again next time.
            LogSyncFailed(logger, ex);
            return;
        }

        var byId = wanted.ToDictionary(s => s.PublicId);
        foreach (var (id, runner) in runners)
        {
            if (!byId.ContainsKey(id) && runners.TryRemove(id, out _))
            {
                // Disabled or deleted: disconnect (safe values) even if the host is stopping meanwhile.
                await runner.StopAsync(PluginStatus.Inactive, CancellationToken.None).ConfigureAwait(false);
                await runner.DisposeAsync().ConfigureAwait(false);
                LogInstanceStopped(logger, id);
            }
        }

        foreach (var key in unusable.Keys.Where(k => !byId.ContainsKey(k)).ToList())
        {
            unusable.Remove(key);
        }

        if (RefreshPlugins())
        {
            await StopOrphansAsync().ConfigureAwait(false);
        }

        foreach (var spec in wanted)
        {
            cancellationToken.ThrowIfCancellationRequested();
            await ApplyAsync(spec, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task SyncLoopAsync(CancellationToken ct)
    {
        long? seenVersion = null;
        var lastSync = 0L;
        try
        {
            while (true)
            {
                var version = versions.Of(CachedData.Ingestion);
                if (seenVersion != version || time.GetElapsedTime(lastSync) >= options.SyncInterval)
                {
                    seenVersion = version;
                    lastSync = time.GetTimestamp();
                    await SyncAsync(ct).ConfigureAwait(false);
                }

                await Task.Delay(options.SyncInterval < ChangeCheckInterval ? options.SyncInterval : ChangeCheckInterval, time, ct).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // Stopping.
        }
    }
}
