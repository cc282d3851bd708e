using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace WebMacs.Plugins.Weather;

/// <summary>
/// The <c>weather</c> example plugin (reference §5.4, with its §8 gap fixed: it reads real values instead of stubs):
/// five input channels — temperature, humidity, wind speed, pressure, rainfall — read from an Open-Meteo compatible
/// HTTP JSON API with one request per poll. A response is reused for <see cref="WeatherOptions.RefreshIntervalS"/>
/// seconds, since the API updates less often than the plugin polls. A failed request (unreachable, error status,
/// malformed body, timeout) gives null readings and a health reason; it never throws out of a read.
/// </summary>
public sealed partial class WeatherPlugin : DevicePlugin<WeatherOptions>
{
    private static readonly PluginDescriptor Meta = new()
    {
        Id = "weather",
        Name = "Weather Station",
        Version = "0.1.0",
        Vendor = "WebMacs for .NET",
        Description = "Current weather (temperature, humidity, wind, pressure, rain) from an HTTP JSON weather API.",
        Protocol = "http-json",
        Url = "https://github.com/webmacs-dotnet/webmacs/tree/main/samples/plugins/WebMacs.Plugins.Weather",
        Tags = ["weather", "environment", "sensors"],
    };

    // Channel id → field of the API's "current" object.
    private static readonly (ChannelDescriptor Channel, string Field)[] Map =
    [
        (Sensor("temperature", "Ambient Temperature", "°C", -40, 60, SimulationProfile.SineWave, 22, 8, 300, 0.3), "temperature_2m"),
        (Sensor("humidity", "Relative Humidity", "%", 0, 100, SimulationProfile.SineWave, 55, 20, 600, 1.0), "relative_humidity_2m"),
        (Sensor("wind_speed", "Wind Speed", "km/h", 0, 200, SimulationProfile.RandomWalk, 12, 8, 60, 0.5), "wind_speed_10m"),
        (Sensor("pressure", "Barometric Pressure", "hPa", 900, 1100, SimulationProfile.SineWave, 1013, 15, 900, 0.2), "pressure_msl"),
        (Sensor("rainfall", "Rainfall Rate", "mm/h", 0, 100, SimulationProfile.RandomWalk, 2, 5, 60, 0.3), "precipitation"),
    ];

    private static readonly ChannelDescriptor[] ChannelSet = [.. Map.Select(m => m.Channel)];
    private static readonly string[] Fields = [.. Map.Select(m => m.Field)];

    private WeatherApiClient? client;
    private double?[]? cached;
    private long cachedAt;

    /// <summary>Creates the plugin with the system clock and no logging.</summary>
    public WeatherPlugin()
    {
    }

    /// <summary>Creates the plugin with a clock (demo signals, timeouts, response reuse) and a logger.</summary>
    /// <param name="timeProvider">The clock; null uses the system clock.</param>
    /// <param name="logger">The logger; null logs nothing.</param>
    [ActivatorUtilitiesConstructor]
    public WeatherPlugin(TimeProvider? timeProvider = null, ILogger<WeatherPlugin>? logger = null)
        : base(timeProvider, logger)
    {
    }

    /// <inheritdoc />
    public override PluginDescriptor Descriptor => Meta;

    /// <summary>Gets the number of HTTP requests sent since the plugin was created (for tests and diagnostics).</summary>
    public int RequestCount { get; private set; }

    /// <summary>Keeps one request at a time: a poll and a single-channel read share the cached response.</summary>
    protected override bool SerializesIo => true;

    /// <inheritdoc />
    protected override void OnConfiguring(WeatherOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        try
        {
            _ = WeatherApiClient.BuildUri(options, Fields);
        }
        catch (UriFormatException ex)
        {
            throw new PluginConfigException(Meta.Id, "base_url", $"base_url is not a usable URL: {ex.Message}", ex);
        }
    }

    /// <inheritdoc />
    protected override IReadOnlyList<ChannelDescriptor> GetChannels() => ChannelSet;

    /// <inheritdoc />
    protected override ValueTask ConnectCoreAsync(CancellationToken ct)
    {
        client?.Dispose();
        client = new WeatherApiClient(Options!, Fields, TimeProvider);
        cached = null;
        return default;
    }

    /// <inheritdoc />
    protected override ValueTask DisconnectCoreAsync(CancellationToken ct)
    {
        client?.Dispose();
        client = null;
        cached = null;
        return default;
    }

    /// <inheritdoc />
    protected override async ValueTask DisposeCoreAsync()
    {
        await DisconnectCoreAsync(CancellationToken.None).ConfigureAwait(false);
        await base.DisposeCoreAsync().ConfigureAwait(false);
    }

    /// <summary>Fills every input from one API response (the cached one while it is fresh); a failure leaves them null.</summary>
    /// <param name="inputs">The input channels, in declaration order.</param>
    /// <param name="results">Receives the values.</param>
    /// <param name="ct">Cancels the request.</param>
    /// <returns>A task that completes when the values are in.</returns>
    protected override async ValueTask ReadInputsCoreAsync(IReadOnlyList<ChannelDescriptor> inputs, double?[] results, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        ArgumentNullException.ThrowIfNull(results);
        var values = await CurrentAsync(ct).ConfigureAwait(false);
        for (var i = 0; i < inputs.Count; i++)
        {
            var index = Array.FindIndex(ChannelSet, c => c.Id == inputs[i].Id);
            results[i] = values is null || index < 0 ? null : values[index];
        }
    }

    /// <inheritdoc />
    protected override async ValueTask<double?> ReadCoreAsync(string channelId, CancellationToken ct)
    {
        var values = await CurrentAsync(ct).ConfigureAwait(false);
        var index = Array.FindIndex(ChannelSet, c => c.Id == channelId);
        return values is null || index < 0 ? null : values[index];
    }

    /// <summary>Has no outputs: a weather station is read-only.</summary>
    /// <param name="channelId">The channel id.</param>
    /// <param name="raw">The raw value.</param>
    /// <param name="ct">Cancels the write.</param>
    /// <returns>A completed task.</returns>
    protected override ValueTask WriteCoreAsync(string channelId, double raw, CancellationToken ct) => default;

    private async ValueTask<double?[]?> CurrentAsync(CancellationToken ct)
    {
        var refresh = TimeSpan.FromSeconds(Options!.RefreshIntervalS);
        if (cached is { } fresh && TimeProvider.GetElapsedTime(cachedAt) < refresh)
        {
            return fresh;
        }

        if (client is not { } api)
        {
            return null;
        }

        try
        {
            RequestCount++;
            var values = await api.FetchAsync(Fields, ct).ConfigureAwait(false);
            cached = values;
            cachedAt = TimeProvider.GetTimestamp();
            for (var i = 0; i < ChannelSet.Length; i++)
            {
                if (values[i] is null)
                {
                    MarkChannelUnavailable(ChannelSet[i].Id, $"The weather API sent no '{Fields[i]}' value.");
                }
                else
                {
                    MarkChannelAvailable(ChannelSet[i].Id);
                }
            }

            return values;
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception ex) when (ex is HttpRequestException or TimeoutException or System.Text.Json.JsonException or InvalidDataException or IOException)
        {
            cached = null;
            var reason = $"Weather API request to {api.RequestUri.GetLeftPart(UriPartial.Path)} failed: {ex.Message}";
            RecordError(reason);
            foreach (var channel in ChannelSet)
            {
                MarkChannelUnavailable(channel.Id, reason);
            }

            LogRequestFailed(Logger, ex, InstanceName);
            return null;
        }
    }

    private static ChannelDescriptor Sensor(string id, string name, string unit, double min, double max, SimulationProfile profile, double baseValue, double amplitude, double period, double noise) => new()
    {
        Id = id,
        Name = name,
        Direction = ChannelDirection.Input,
        DataType = "float",
        Unit = unit,
        MinValue = min,
        MaxValue = max,
        Simulation = new SimulationSpec { Profile = profile, BaseValue = baseValue, Amplitude = amplitude, PeriodSeconds = period, Noise = noise },
    };

    [LoggerMessage(Level = LogLevel.Warning, Message = "Weather station {InstanceName}: the weather API request failed; its channels read null until the next poll.")]
    private static partial void LogRequestFailed(ILogger logger, Exception exception, string instanceName);
}
