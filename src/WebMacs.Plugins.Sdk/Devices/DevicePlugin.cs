using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace WebMacs.Plugins;

/// <summary>
/// The base of every device plugin (reference §4.5): a descriptor, a channel list, and the lifecycle
/// configure → connect → read/write → disconnect. Authors implement <see cref="GetChannels"/>,
/// <see cref="ReadCoreAsync"/> and <see cref="WriteCoreAsync"/> (plus <see cref="ConnectCoreAsync"/> and
/// <see cref="DisconnectCoreAsync"/> for a connection); the base class adds validation, conversions, clamping, demo
/// mode, error accounting, safe values and health. All members are safe to call concurrently.
/// </summary>
public abstract partial class DevicePlugin : IAsyncDisposable
{
    private static readonly Dictionary<string, ChannelDescriptor> NoChannels = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim lifecycleGate = new(1, 1);
    private readonly SemaphoreSlim ioGate = new(1, 1);
    private readonly ConcurrentDictionary<string, double> demoOutputs = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, string> unavailable = new(StringComparer.Ordinal);
    private readonly Lock configureGate = new();
    private volatile PluginState state = PluginState.Discovered;
    private volatile Snapshot current = new(null, NoChannels, [], [], null);
    private volatile string? lastError;
    private int errorCount;
    private int disposed;

    /// <summary>Creates the plugin with the system clock and no logging.</summary>
    protected DevicePlugin()
        : this(null, null)
    {
    }

    /// <summary>Creates the plugin with a clock (for the demo signals) and a logger.</summary>
    /// <param name="timeProvider">The clock; null uses the system clock.</param>
    /// <param name="logger">The logger; null logs nothing.</param>
    protected DevicePlugin(TimeProvider? timeProvider, ILogger? logger)
    {
        TimeProvider = timeProvider ?? TimeProvider.System;
        Logger = logger ?? NullLogger.Instance;
    }

    /// <summary>Gets what the plugin says about itself; the same for every instance of the class.</summary>
    public abstract PluginDescriptor Descriptor { get; }

    /// <summary>Gets the options type bound from <c>config_json</c>; a <see cref="PluginInstanceOptions"/> type.</summary>
    public virtual Type OptionsType => typeof(PluginInstanceOptions);

    /// <summary>Gets the lifecycle state.</summary>
    public PluginState State => state;

    /// <summary>Gets the validated options, or null before <see cref="Configure"/>.</summary>
    public PluginInstanceOptions? Options => current.Options;

    /// <summary>Gets the channels by id (empty before <see cref="Configure"/>).</summary>
    public IReadOnlyDictionary<string, ChannelDescriptor> Channels => current.Channels;

    /// <summary>Gets the channels in declaration order (empty before <see cref="Configure"/>).</summary>
    public IReadOnlyList<ChannelDescriptor> ChannelList => current.Ordered;

    /// <summary>Gets the instance name from the options, or the descriptor's name when none was given.</summary>
    public string InstanceName => current.Options?.InstanceName is { Length: > 0 } name ? name : Descriptor.Name;

    /// <summary>Gets whether the instance is configured in demo mode (simulated values, no hardware calls).</summary>
    public bool IsDemoMode => current.Options?.DemoMode == true;

    /// <summary>Gets the number of errors since the last successful connect.</summary>
    public int ErrorCount => Volatile.Read(ref errorCount);

    /// <summary>Gets the last error message, or null.</summary>
    public string? LastError => lastError;

    /// <summary>Gets the clock the plugin uses.</summary>
    protected TimeProvider TimeProvider { get; }

    /// <summary>Gets the logger the plugin writes to.</summary>
    protected ILogger Logger { get; }

    /// <summary>
    /// Gets whether the hardware hooks must never run concurrently (a per-instance lock around connect, disconnect,
    /// read and write; for blocking or single-transaction protocols). Hooks must then not call the public I/O methods.
    /// </summary>
    protected virtual bool SerializesIo => false;

    /// <summary>Validates <paramref name="configJson"/>, discovers the channels and enters <see cref="PluginState.Configured"/>.</summary>
    /// <param name="configJson">A JSON object of options (snake_case names), or null/empty for the defaults.</param>
    /// <exception cref="PluginConfigException">The configuration is unusable; <see cref="PluginConfigException.Field"/> names the setting.</exception>
    /// <exception cref="PluginStateException">The plugin is connecting, connected or disconnecting.</exception>
    public void Configure(string? configJson)
    {
        ThrowIfDisposed();
        var id = Descriptor.Id;
        lock (configureGate)
        {
            var now = state;
            if (now is PluginState.Connecting or PluginState.Connected or PluginState.Running or PluginState.Disconnecting)
            {
                throw new PluginStateException(id, now, "discovered|configured|disconnected|error");
            }

            var options = PluginOptionsBinder.Bind(OptionsType, configJson, id);
            OnConfiguring(options);
            var previous = current;
            current = previous with { Options = options };
            IReadOnlyList<ChannelDescriptor>? declared;
            try
            {
                declared = GetChannels();
            }
            catch (Exception ex) when (ex is not PluginException)
            {
                current = previous;
                throw new PluginConfigException(id, null, $"The channels could not be determined: {ex.Message}", ex);
            }
            catch
            {
                current = previous;
                throw;
            }

            current = Snapshot.Create(options, declared ?? [], new DemoSignalGenerator(InstanceNameOf(options), TimeProvider));
            demoOutputs.Clear();
            unavailable.Clear();
            state = PluginState.Configured;
        }
    }

    /// <summary>Reports the instance's health (reference §4.9).</summary>
    /// <returns>The report.</returns>
    public virtual PluginHealthReport CheckHealth() => new()
    {
        PluginId = Descriptor.Id,
        InstanceName = InstanceName,
        State = state,
        ErrorCount = ErrorCount,
        LastError = lastError,
        ChannelCount = current.Channels.Count,
        DemoMode = IsDemoMode,
        UnavailableChannels = new Dictionary<string, string>(unavailable, StringComparer.Ordinal),
    };

    /// <summary>Disconnects (writing safe values) when connected, then releases the plugin's resources.</summary>
    /// <returns>A task that completes when the plugin is disposed.</returns>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref disposed, 1) == 1)
        {
            return;
        }

        if (state is not (PluginState.Discovered or PluginState.Configured or PluginState.Disconnected))
        {
            await DisconnectAsync().ConfigureAwait(false);
        }

        try
        {
            await DisposeCoreAsync().ConfigureAwait(false);
        }
        finally
        {
            GC.SuppressFinalize(this);
        }
    }

    /// <summary>Lists the channels of the configured instance; <see cref="Options"/> is already set when it runs.</summary>
    /// <returns>The channels, in the order reads report them.</returns>
    protected abstract IReadOnlyList<ChannelDescriptor> GetChannels();

    /// <summary>Adjusts or cross-checks freshly bound options before the channels are discovered (e.g. forcing demo mode).</summary>
    /// <param name="options">The bound and validated options; throw <see cref="PluginConfigException"/> to reject them.</param>
    protected virtual void OnConfiguring(PluginInstanceOptions options)
    {
    }

    /// <summary>Releases the plugin's own resources; called once by <see cref="DisposeAsync"/> after the disconnect.</summary>
    /// <returns>A task that completes when the resources are released.</returns>
    protected virtual ValueTask DisposeCoreAsync() => default;

    /// <summary>Records an error (counted in <see cref="ErrorCount"/>, shown as <see cref="LastError"/>) without throwing.</summary>
    /// <param name="message">What went wrong.</param>
    protected void RecordError(string message)
    {
        Interlocked.Increment(ref errorCount);
        lastError = message;
    }

    /// <summary>Marks a channel as unable to deliver values on this device (it reads null); the reason shows in health.</summary>
    /// <param name="channelId">The channel id.</param>
    /// <param name="reason">Why the channel has no value, e.g. "no thermal sensor found".</param>
    protected void MarkChannelUnavailable(string channelId, string reason)
    {
        ArgumentNullException.ThrowIfNull(channelId);
        unavailable[channelId] = reason ?? "unavailable";
    }

    /// <summary>Clears a mark set with <see cref="MarkChannelUnavailable"/>.</summary>
    /// <param name="channelId">The channel id.</param>
    protected void MarkChannelAvailable(string channelId) => unavailable.TryRemove(channelId, out _);

    private string InstanceNameOf(PluginInstanceOptions options) => options.InstanceName is { Length: > 0 } name ? name : Descriptor.Name;

    private void ThrowIfDisposed() => ObjectDisposedException.ThrowIf(Volatile.Read(ref disposed) == 1, this);

    private ChannelDescriptor Find(string channelId)
    {
        ArgumentNullException.ThrowIfNull(channelId);
        return current.Channels.TryGetValue(channelId, out var channel)
            ? channel
            : throw new ChannelNotFoundException(Descriptor.Id, channelId);
    }

    private sealed record Snapshot(
        PluginInstanceOptions? Options,
        Dictionary<string, ChannelDescriptor> Channels,
        ChannelDescriptor[] Ordered,
        ChannelDescriptor[] Inputs,
        DemoSignalGenerator? Generator)
    {
        public static Snapshot Create(PluginInstanceOptions options, IReadOnlyList<ChannelDescriptor> declared, DemoSignalGenerator generator)
        {
            var byId = new Dictionary<string, ChannelDescriptor>(StringComparer.Ordinal);
            var ordered = new List<ChannelDescriptor>(declared.Count);
            foreach (var channel in declared)
            {
                if (channel is not null && byId.TryAdd(channel.Id, channel))
                {
                    ordered.Add(channel);
                }
            }

            return new(options, byId, [.. ordered], [.. ordered.Where(c => c.IsReadable)], generator) { Declared = declared };
        }

        public IReadOnlyList<ChannelDescriptor> Declared { get; init; } = [];
    }
}
