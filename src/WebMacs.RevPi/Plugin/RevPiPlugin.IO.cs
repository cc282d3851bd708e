using System.Buffers;
using System.Globalization;
using WebMacs.Plugins;

namespace WebMacs.RevPi;

// Hardware access: open the image on connect, one positioned read per poll, bit-exact writes.
public sealed partial class RevPiPlugin
{
    /// <inheritdoc />
    protected override ValueTask ConnectCoreAsync(CancellationToken ct)
    {
        var map = mapping;
        var options = Options ?? throw new InvalidOperationException("The plugin is not configured.");
        if (map.Configuration is null)
        {
            throw new PluginConnectionException(
                Descriptor.Id,
                $"There is no piCtory configuration at '{map.ConfigPath}' (config_path); without it only demo mode works.");
        }

        var path = options.ImagePath;
        ProcessImage opened;
        try
        {
            opened = ProcessImage.Open(path);
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new PluginConnectionException(
                Descriptor.Id,
                $"The process image '{path}' (image_path) does not exist; on a Revolution Pi the piControl driver provides /dev/piControl0 (map it into a container).",
                ex);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new PluginConnectionException(Descriptor.Id, $"The process image '{path}' (image_path) cannot be opened for reading and writing: {ex.Message}", ex);
        }

        try
        {
            // The image must reach the last mapped I/O (a real image has 4096 bytes).
            var required = map.RequiredImageLength;
            if (required > 0)
            {
                Span<byte> probe = stackalloc byte[1];
                opened.ReadBytes(required - 1, probe);
            }
        }
        catch (IOException ex)
        {
            opened.Dispose();
            throw new PluginConnectionException(
                Descriptor.Id,
                string.Create(CultureInfo.InvariantCulture, $"The process image '{path}' is shorter than the {map.RequiredImageLength} bytes the piCtory I/Os need: {ex.Message}"),
                ex);
        }

        Interlocked.Exchange(ref image, opened)?.Dispose();
        LogImageOpened(Logger, InstanceName, path, map.Channels.Count);
        return default;
    }

    /// <inheritdoc />
    protected override ValueTask DisconnectCoreAsync(CancellationToken ct)
    {
        Interlocked.Exchange(ref image, null)?.Dispose();
        return default;
    }

    /// <inheritdoc />
    protected override ValueTask<double?> ReadCoreAsync(string channelId, CancellationToken ct) =>
        ValueTask.FromResult<double?>(OpenImage().Read(IoOf(channelId)));

    /// <inheritdoc />
    protected override ValueTask ReadInputsCoreAsync(IReadOnlyList<ChannelDescriptor> inputs, double?[] results, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        ArgumentNullException.ThrowIfNull(results);
        var ios = IosOf(inputs);
        var values = ArrayPool<double>.Shared.Rent(ios.Length);
        try
        {
            // One positioned read of the span covering every input, then decode each value from it.
            OpenImage().Read(ios, values.AsSpan(0, ios.Length));
            for (var i = 0; i < ios.Length; i++)
            {
                results[i] = values[i];
            }
        }
        finally
        {
            ArrayPool<double>.Shared.Return(values);
        }

        return default;
    }

    /// <inheritdoc />
    protected override ValueTask WriteCoreAsync(string channelId, double raw, CancellationToken ct)
    {
        OpenImage().Write(IoOf(channelId), raw);
        return default;
    }

    private ProcessImage OpenImage() =>
        Volatile.Read(ref image) ?? throw new InvalidOperationException("The process image is not open.");

    private PiCtoryIo IoOf(string channelId) =>
        mapping.ByChannel.TryGetValue(channelId, out var io) ? io : throw new ChannelNotFoundException(Descriptor.Id, channelId);

    private PiCtoryIo[] IosOf(IReadOnlyList<ChannelDescriptor> inputs)
    {
        var map = mapping;
        if (inputCache is { } cache && ReferenceEquals(cache.Inputs, inputs) && ReferenceEquals(cache.Mapping, map))
        {
            return cache.Ios;
        }

        var ios = new PiCtoryIo[inputs.Count];
        for (var i = 0; i < ios.Length; i++)
        {
            ios[i] = IoOf(inputs[i].Id);
        }

        inputCache = new InputCache(inputs, map, ios);
        return ios;
    }
}
