namespace WebMacs.Plugins;

// Reads and writes (reference §4.5.2, with the §8 fixes: simulated values are already engineering values and skip
// the read conversion; hardware I/O needs a connection).
public abstract partial class DevicePlugin
{
    /// <summary>
    /// Reads one channel in engineering units: simulated in demo mode, otherwise from the device through the read
    /// conversion. A device failure is counted and gives null; so does a hardware read while not connected.
    /// </summary>
    /// <param name="channelId">The channel id.</param>
    /// <param name="ct">Cancels the read.</param>
    /// <returns>The value, or null when none could be read.</returns>
    /// <exception cref="ChannelNotFoundException">The channel does not exist.</exception>
    public async ValueTask<double?> ReadAsync(string channelId, CancellationToken ct = default)
    {
        var channel = Find(channelId);
        if (IsDemoMode)
        {
            return DemoRead(channel);
        }

        if (state != PluginState.Connected)
        {
            return null;
        }

        try
        {
            double? raw;
            if (SerializesIo)
            {
                await ioGate.WaitAsync(ct).ConfigureAwait(false);
                try
                {
                    raw = await ReadCoreAsync(channel.Id, ct).ConfigureAwait(false);
                }
                finally
                {
                    ioGate.Release();
                }
            }
            else
            {
                raw = await ReadCoreAsync(channel.Id, ct).ConfigureAwait(false);
            }

            return ToEngineering(channel, raw);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception ex)
        {
            RecordReadError(channel.Id, ex);
            return null;
        }
    }

    /// <summary>
    /// Writes one output or bidirectional channel: clamps <paramref name="value"/> to the channel range, applies the
    /// inverse of the write conversion and hands the raw value to the device (in demo mode it is only remembered,
    /// and reading the output returns it).
    /// </summary>
    /// <param name="channelId">The channel id.</param>
    /// <param name="value">The engineering value.</param>
    /// <param name="ct">Cancels the write.</param>
    /// <returns>A task that completes when written.</returns>
    /// <exception cref="ChannelNotFoundException">The channel does not exist.</exception>
    /// <exception cref="PluginStateException">The channel is an input, or the device is not connected.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="value"/> is NaN.</exception>
    public async ValueTask WriteAsync(string channelId, double value, CancellationToken ct = default)
    {
        var channel = Find(channelId);
        if (!channel.IsWritable)
        {
            throw new PluginStateException(Descriptor.Id, $"Channel '{channelId}' is read-only.");
        }

        ArgumentOutOfRangeException.ThrowIfEqual(double.IsNaN(value), true, nameof(value));
        if (!IsDemoMode && state != PluginState.Connected)
        {
            throw new PluginStateException(Descriptor.Id, state, "connected");
        }

        await WriteChannelAsync(channel, value, ct).ConfigureAwait(false);
    }

    /// <summary>
    /// Reads every input and bidirectional channel in declaration order (one batch: see
    /// <see cref="ReadInputsCoreAsync"/>); channels without a value have a null <see cref="ChannelReading.Value"/>.
    /// </summary>
    /// <param name="ct">Cancels the reads.</param>
    /// <returns>One reading per readable channel.</returns>
    public async ValueTask<IReadOnlyList<ChannelReading>> ReadInputsAsync(CancellationToken ct = default)
    {
        var snapshot = current;
        var inputs = snapshot.Inputs;
        var results = new double?[inputs.Length];
        if (IsDemoMode)
        {
            for (var i = 0; i < inputs.Length; i++)
            {
                results[i] = DemoRead(inputs[i]);
            }
        }
        else if (state == PluginState.Connected && inputs.Length > 0)
        {
            await ReadHardwareInputsAsync(inputs, results, ct).ConfigureAwait(false);
        }

        var readings = new ChannelReading[inputs.Length];
        for (var i = 0; i < inputs.Length; i++)
        {
            readings[i] = new ChannelReading(inputs[i].Id, results[i]);
        }

        return readings;
    }

    /// <summary>Reads one channel's raw value from the device; not called in demo mode. Return null for "no value".</summary>
    /// <param name="channelId">The channel id.</param>
    /// <param name="ct">Cancels the read.</param>
    /// <returns>The raw value, or null.</returns>
    protected abstract ValueTask<double?> ReadCoreAsync(string channelId, CancellationToken ct);

    /// <summary>Writes a raw value (already clamped and inverse-converted) to the device; not called in demo mode.</summary>
    /// <param name="channelId">The channel id.</param>
    /// <param name="raw">The raw value.</param>
    /// <param name="ct">Cancels the write.</param>
    /// <returns>A task that completes when written.</returns>
    protected abstract ValueTask WriteCoreAsync(string channelId, double raw, CancellationToken ct);

    /// <summary>
    /// Reads the raw values of <paramref name="inputs"/> into <paramref name="results"/> (same index); not called in
    /// demo mode. The default calls <see cref="ReadCoreAsync"/> per channel (a failing channel gives null and is
    /// counted); batch-capable plugins override it to read everything in one transaction. An exception fails the
    /// whole batch (all null, one error counted).
    /// </summary>
    /// <param name="inputs">The readable channels, in declaration order.</param>
    /// <param name="results">Receives the raw values; null means no value.</param>
    /// <param name="ct">Cancels the reads.</param>
    /// <returns>A task that completes when the batch was read.</returns>
    protected virtual async ValueTask ReadInputsCoreAsync(IReadOnlyList<ChannelDescriptor> inputs, double?[] results, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        ArgumentNullException.ThrowIfNull(results);
        for (var i = 0; i < inputs.Count; i++)
        {
            try
            {
                results[i] = await ReadCoreAsync(inputs[i].Id, ct).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                throw;
            }
            catch (Exception ex)
            {
                RecordReadError(inputs[i].Id, ex);
                results[i] = null;
            }
        }
    }

    private async ValueTask ReadHardwareInputsAsync(ChannelDescriptor[] inputs, double?[] results, CancellationToken ct)
    {
        try
        {
            if (SerializesIo)
            {
                await ioGate.WaitAsync(ct).ConfigureAwait(false);
                try
                {
                    await ReadInputsCoreAsync(inputs, results, ct).ConfigureAwait(false);
                }
                finally
                {
                    ioGate.Release();
                }
            }
            else
            {
                await ReadInputsCoreAsync(inputs, results, ct).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception ex)
        {
            RecordReadError(null, ex);
            Array.Clear(results);
            return;
        }

        for (var i = 0; i < inputs.Length; i++)
        {
            results[i] = ToEngineering(inputs[i], results[i]);
        }
    }

    private async ValueTask WriteChannelAsync(ChannelDescriptor channel, double value, CancellationToken ct)
    {
        var (min, max) = channel.MinValue <= channel.MaxValue ? (channel.MinValue, channel.MaxValue) : (channel.MaxValue, channel.MinValue);
        var clamped = Math.Clamp(value, min, max);
        if (IsDemoMode)
        {
            demoOutputs[channel.Id] = clamped;
            LogDemoWrite(Logger, Descriptor.Id, InstanceName, channel.Id, clamped);
            return;
        }

        var raw = channel.WriteConversion.Invert(clamped);
        try
        {
            if (SerializesIo)
            {
                await ioGate.WaitAsync(ct).ConfigureAwait(false);
                try
                {
                    await WriteCoreAsync(channel.Id, raw, ct).ConfigureAwait(false);
                }
                finally
                {
                    ioGate.Release();
                }
            }
            else
            {
                await WriteCoreAsync(channel.Id, raw, ct).ConfigureAwait(false);
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            RecordError($"Write of channel '{channel.Id}' failed: {MessageOf(ex)}");
            LogWriteFailed(Logger, ex, Descriptor.Id, InstanceName, channel.Id);
            throw;
        }
    }

    private double? DemoRead(ChannelDescriptor channel)
    {
        if (channel.IsWritable && demoOutputs.TryGetValue(channel.Id, out var written))
        {
            return written;
        }

        if (channel.Direction == ChannelDirection.Output && channel.SafeValue is { } safe)
        {
            return Math.Clamp(safe, Math.Min(channel.MinValue, channel.MaxValue), Math.Max(channel.MinValue, channel.MaxValue));
        }

        return current.Generator?.Next(channel);
    }

    private double? ToEngineering(ChannelDescriptor channel, double? raw)
    {
        if (raw is not { } value)
        {
            return null;
        }

        var engineering = channel.ReadConversion.Convert(value);
        if (double.IsFinite(engineering))
        {
            return engineering;
        }

        RecordError($"Channel '{channel.Id}' gave a non-finite value.");
        return null;
    }

    private void RecordReadError(string? channelId, Exception ex)
    {
        RecordError(channelId is null ? $"Read failed: {MessageOf(ex)}" : $"Read of channel '{channelId}' failed: {MessageOf(ex)}");
        LogReadFailed(Logger, ex, Descriptor.Id, InstanceName, channelId ?? "*");
    }
}
