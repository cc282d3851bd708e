using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using WebMacs.Plugins;
using WebMacs.RevPi;

[assembly: WebMacsPlugin(typeof(RevPiPlugin))]

namespace WebMacs.RevPi;

/// <summary>
/// Exposes the I/Os of a Revolution Pi as channels. The piCtory configuration (<see cref="RevPiOptions.ConfigPath"/>)
/// gives every named input and output of the selected devices; the channel id is the I/O name. Each poll reads the
/// process image (<see cref="RevPiOptions.ImagePath"/>) once and decodes every input from that one read; output writes
/// change only their own bits. Without a piCtory file the plugin offers the original's 28 fallback channels and runs
/// in demo mode only.
/// </summary>
public sealed partial class RevPiPlugin : DevicePlugin<RevPiOptions>
{
    private static readonly PluginDescriptor Meta = new()
    {
        Id = "revpi",
        Name = "Revolution Pi",
        Version = "0.1.0",
        Vendor = "KUNBUS GmbH",
        Description = "Revolution Pi digital and analog I/O through the piControl process image, mapped from the piCtory configuration.",
        Protocol = "piControl",
        Url = "https://revolutionpi.com/",
        Tags = ["hardware", "revpi", "kunbus", "dio", "aio"],
    };

    private readonly RevPiOptions? hostDefaults;
    private volatile RevPiMapping mapping = RevPiMapping.Empty;
    private volatile InputCache? inputCache;
    private ProcessImage? image;

    /// <summary>Creates the plugin with the built-in defaults, the system clock and no logging.</summary>
    public RevPiPlugin()
        : this(null)
    {
    }

    /// <summary>Creates the plugin with the host's RevPi settings as defaults for every instance.</summary>
    /// <param name="hostOptions">The options bound from <c>WebMacs:RevPi</c>; instance settings that differ from the built-in defaults win.</param>
    /// <param name="timeProvider">The clock for the demo signals; null uses the system clock.</param>
    /// <param name="logger">The logger; null logs nothing.</param>
    [ActivatorUtilitiesConstructor]
    public RevPiPlugin(IOptions<RevPiOptions>? hostOptions, TimeProvider? timeProvider = null, ILogger<RevPiPlugin>? logger = null)
        : base(timeProvider, logger)
    {
        hostDefaults = hostOptions?.Value;
    }

    /// <inheritdoc />
    public override PluginDescriptor Descriptor => Meta;

    /// <summary>Gets the piCtory configuration in use, or <see langword="null"/> before configuring or when the fallback channels are in use.</summary>
    public PiCtoryConfiguration? PiCtory => mapping.Configuration;

    /// <inheritdoc />
    protected override bool SerializesIo => true;

    /// <inheritdoc />
    protected override void OnConfiguring(RevPiOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (hostDefaults is not { } host)
        {
            return;
        }

        if (options.ImagePath == RevPiOptions.DefaultImagePath)
        {
            options.ImagePath = host.ImagePath;
        }

        if (options.ConfigPath == RevPiOptions.DefaultConfigPath)
        {
            options.ConfigPath = host.ConfigPath;
        }

        CopyIfEmpty(host.DeviceFilter, options.DeviceFilter);
        CopyIfEmpty(host.SignedIos, options.SignedIos);
        foreach (var (name, value) in host.SafeValues)
        {
            options.SafeValues.TryAdd(name, value);
        }
    }

    /// <inheritdoc />
    protected override IReadOnlyList<ChannelDescriptor> GetChannels()
    {
        var options = Options ?? throw new InvalidOperationException("The plugin is not configured.");
        var path = options.ConfigPath;
        PiCtoryConfiguration? configuration;
        try
        {
            configuration = File.Exists(path) ? PiCtoryConfiguration.Load(path) : null;
        }
        catch (PiCtoryConfigException ex)
        {
            throw new PluginConfigException(Descriptor.Id, "config_path", ex.Message, ex);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new PluginConfigException(Descriptor.Id, "config_path", $"'{path}' cannot be read: {ex.Message}", ex);
        }

        if (configuration is null)
        {
            LogNoPiCtory(Logger, path, InstanceName);
            mapping = RevPiMapping.Fallback(path);
        }
        else
        {
            mapping = RevPiMapping.Create(configuration, options, Descriptor.Id);
        }

        return mapping.Channels;
    }

    /// <inheritdoc />
    protected override ValueTask DisposeCoreAsync()
    {
        Interlocked.Exchange(ref image, null)?.Dispose();
        return base.DisposeCoreAsync();
    }

    private static void CopyIfEmpty(IList<string> from, IList<string> to)
    {
        if (to.Count > 0)
        {
            return;
        }

        foreach (var item in from)
        {
            to.Add(item);
        }
    }

    [LoggerMessage(EventId = 5300, Level = LogLevel.Warning, Message = "No piCtory configuration at {ConfigPath} for RevPi instance {InstanceName}: using the 28 fallback channels (demo mode only).")]
    private static partial void LogNoPiCtory(ILogger logger, string configPath, string instanceName);

    [LoggerMessage(EventId = 5301, Level = LogLevel.Information, Message = "RevPi instance {InstanceName} opened the process image {ImagePath} for {ChannelCount} channels.")]
    private static partial void LogImageOpened(ILogger logger, string instanceName, string imagePath, int channelCount);

    private sealed record InputCache(IReadOnlyList<ChannelDescriptor> Inputs, RevPiMapping Mapping, PiCtoryIo[] Ios);
}
