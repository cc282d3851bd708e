namespace WebMacs.Plugins;

// Connect, disconnect and safe values (reference §4.5.1 and §4.7, with the §8 fixes: safe values are engineering
// values, clamped and converted like any write, and never reach the hardware in demo mode).
public abstract partial class DevicePlugin
{
    internal IReadOnlyList<ChannelDescriptor> DeclaredChannels => current.Declared;

    /// <summary>
    /// Connects to the device (in demo mode: starts simulating) from <see cref="PluginState.Configured"/>,
    /// <see cref="PluginState.Disconnected"/> or <see cref="PluginState.Error"/>; on success the error count is reset.
    /// </summary>
    /// <param name="ct">Cancels the connection attempt.</param>
    /// <returns>A task that completes when connected.</returns>
    /// <exception cref="PluginStateException">The plugin is not configured, or already connecting or connected.</exception>
    /// <exception cref="PluginConnectionException">The device could not be reached; the plugin is in <see cref="PluginState.Error"/>.</exception>
    /// <exception cref="PluginTimeoutException">The device did not answer in time; the plugin is in <see cref="PluginState.Error"/>.</exception>
    public async ValueTask ConnectAsync(CancellationToken ct = default)
    {
        ThrowIfDisposed();
        await lifecycleGate.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            var id = Descriptor.Id;
            var now = state;
            if (current.Options is null || now is not (PluginState.Configured or PluginState.Disconnected or PluginState.Error))
            {
                throw new PluginStateException(id, now, "configured|disconnected|error");
            }

            state = PluginState.Connecting;
            try
            {
                if (!IsDemoMode)
                {
                    await RunHardwareAsync(ConnectCoreAsync, ct).ConfigureAwait(false);
                }
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                state = PluginState.Error;
                lastError = "The connection attempt was cancelled.";
                throw;
            }
            catch (Exception ex)
            {
                state = PluginState.Error;
                RecordError(MessageOf(ex));
                LogConnectFailed(Logger, ex, id, InstanceName);
                if (ex is PluginConnectionException or PluginTimeoutException)
                {
                    throw;
                }

                throw ex is TimeoutException
                    ? new PluginTimeoutException(id, MessageOf(ex), ex)
                    : new PluginConnectionException(id, MessageOf(ex), ex);
            }

            Volatile.Write(ref errorCount, 0);
            lastError = null;
            state = PluginState.Connected;
            LogConnected(Logger, id, InstanceName, IsDemoMode);
        }
        finally
        {
            lifecycleGate.Release();
        }
    }

    /// <summary>
    /// Writes the safe values of the outputs (when connected or in demo mode), closes the connection and enters
    /// <see cref="PluginState.Disconnected"/>. Allowed in any state, idempotent, and never throws: failures are logged
    /// and recorded.
    /// </summary>
    /// <param name="ct">Cancels the hardware calls (the state still ends as disconnected).</param>
    /// <returns>A task that completes when disconnected.</returns>
    public async ValueTask DisconnectAsync(CancellationToken ct = default)
    {
        await lifecycleGate.WaitAsync(CancellationToken.None).ConfigureAwait(false);
        try
        {
            var previous = state;
            if (previous == PluginState.Disconnected)
            {
                return;
            }

            state = PluginState.Disconnecting;
            var demo = IsDemoMode;
            if (demo || previous == PluginState.Connected)
            {
                await WriteSafeValuesAsync(ct).ConfigureAwait(false);
            }

            if (!demo && previous is PluginState.Connected or PluginState.Running or PluginState.Error or PluginState.Connecting)
            {
                try
                {
                    await RunHardwareAsync(DisconnectCoreAsync, ct).ConfigureAwait(false);
                }
                catch (Exception ex)
                {
                    RecordError(MessageOf(ex));
                    LogDisconnectFailed(Logger, ex, Descriptor.Id, InstanceName);
                }
            }

            state = PluginState.Disconnected;
            LogDisconnected(Logger, Descriptor.Id, InstanceName);
        }
        finally
        {
            lifecycleGate.Release();
        }
    }

    /// <summary>
    /// Writes the <see cref="ChannelDescriptor.SafeValue"/> of every output and bidirectional channel that has one
    /// (clamped and converted like any write). Does nothing on hardware that is not connected; never throws.
    /// </summary>
    /// <param name="ct">Cancels the writes.</param>
    /// <returns>A task that completes when every safe value was attempted.</returns>
    public async ValueTask ApplySafeStateAsync(CancellationToken ct = default)
    {
        if (IsDemoMode || state == PluginState.Connected)
        {
            await WriteSafeValuesAsync(ct).ConfigureAwait(false);
        }
    }

    /// <summary>Opens the connection to the device; not called in demo mode. Throw to fail the connect.</summary>
    /// <param name="ct">Cancels the attempt.</param>
    /// <returns>A task that completes when connected.</returns>
    protected virtual ValueTask ConnectCoreAsync(CancellationToken ct) => default;

    /// <summary>Closes the connection to the device; not called in demo mode. Exceptions are logged, never propagated.</summary>
    /// <param name="ct">Cancels the attempt.</param>
    /// <returns>A task that completes when disconnected.</returns>
    protected virtual ValueTask DisconnectCoreAsync(CancellationToken ct) => default;

    private async ValueTask WriteSafeValuesAsync(CancellationToken ct)
    {
        foreach (var channel in current.Ordered)
        {
            if (!channel.IsWritable || channel.SafeValue is not { } safe)
            {
                continue;
            }

            try
            {
                await WriteChannelAsync(channel, safe, ct).ConfigureAwait(false);
            }
            catch (Exception ex)
            {
                LogSafeValueFailed(Logger, ex, Descriptor.Id, InstanceName, channel.Id);
            }
        }
    }

    private async ValueTask RunHardwareAsync(Func<CancellationToken, ValueTask> operation, CancellationToken ct)
    {
        if (!SerializesIo)
        {
            await operation(ct).ConfigureAwait(false);
            return;
        }

        await ioGate.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            await operation(ct).ConfigureAwait(false);
        }
        finally
        {
            ioGate.Release();
        }
    }

    private static string MessageOf(Exception ex) => ex is PluginException plugin ? plugin.Detail : ex.Message;
}
