using System.Globalization;
using System.Net.Http;
using System.Text.Json;

namespace WebMacs.Plugins.Weather;

/// <summary>
/// Asks an Open-Meteo compatible weather API (<c>GET {base}/v1/forecast?…&amp;current=…</c>) for the current values
/// of the weather fields, one request per call, within the configured timeout.
/// </summary>
internal sealed class WeatherApiClient : IDisposable
{
    private readonly HttpClient http;
    private readonly Uri requestUri;
    private readonly TimeSpan timeout;
    private readonly TimeProvider time;

    public WeatherApiClient(WeatherOptions options, IReadOnlyList<string> fields, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(fields);
        this.time = time;
        timeout = TimeSpan.FromMilliseconds(options.TimeoutMs);
        requestUri = BuildUri(options, fields);
        http = new HttpClient(new SocketsHttpHandler { ConnectTimeout = timeout, PooledConnectionLifetime = TimeSpan.FromMinutes(5) })
        {
            Timeout = Timeout.InfiniteTimeSpan,
        };
        http.DefaultRequestHeaders.UserAgent.ParseAdd("WebMacs.Plugins.Weather/0.1");
    }

    /// <summary>Gets the address every request goes to.</summary>
    public Uri RequestUri => requestUri;

    /// <summary>Builds the request address: coordinates, or the station id when one is set, and the wanted fields in metric units.</summary>
    public static Uri BuildUri(WeatherOptions options, IReadOnlyList<string> fields)
    {
        ArgumentNullException.ThrowIfNull(options);
        var baseUrl = options.BaseUrl.EndsWith('/') ? options.BaseUrl : options.BaseUrl + "/";
        var location = string.IsNullOrWhiteSpace(options.StationId)
            ? string.Create(CultureInfo.InvariantCulture, $"latitude={options.Latitude}&longitude={options.Longitude}")
            : "station_id=" + Uri.EscapeDataString(options.StationId.Trim());
        var query = $"v1/forecast?{location}&current={string.Join(',', fields)}&temperature_unit=celsius&wind_speed_unit=kmh&precipitation_unit=mm";
        return new Uri(new Uri(baseUrl, UriKind.Absolute), query);
    }

    /// <summary>
    /// Sends one request and returns the value of each field (same order as requested; null when the API left it out
    /// or sent null).
    /// </summary>
    /// <exception cref="TimeoutException">No complete answer within the timeout.</exception>
    /// <exception cref="HttpRequestException">The server could not be reached or answered with an error status.</exception>
    /// <exception cref="JsonException">The body is not JSON.</exception>
    /// <exception cref="InvalidDataException">The JSON has no <c>current</c> object.</exception>
    public async Task<double?[]> FetchAsync(IReadOnlyList<string> fields, CancellationToken ct)
    {
        using var deadline = new CancellationTokenSource(timeout, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(ct, deadline.Token);
        try
        {
            using var response = await http.GetAsync(requestUri, HttpCompletionOption.ResponseHeadersRead, linked.Token).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode)
            {
                throw new HttpRequestException($"The weather API answered {(int)response.StatusCode} {response.ReasonPhrase}.", null, response.StatusCode);
            }

            var body = await response.Content.ReadAsStreamAsync(linked.Token).ConfigureAwait(false);
            await using (body.ConfigureAwait(false))
            {
                using var document = await JsonDocument.ParseAsync(body, default, linked.Token).ConfigureAwait(false);
                return Parse(document.RootElement, fields);
            }
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested && !ct.IsCancellationRequested)
        {
            throw new TimeoutException($"The weather API did not answer within {timeout.TotalMilliseconds:0} ms.");
        }
    }

    /// <summary>Reads the fields from the <c>current</c> object of an API answer.</summary>
    public static double?[] Parse(JsonElement root, IReadOnlyList<string> fields)
    {
        ArgumentNullException.ThrowIfNull(fields);
        if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("current", out var current) || current.ValueKind != JsonValueKind.Object)
        {
            throw new InvalidDataException("The weather API's answer has no 'current' object.");
        }

        var values = new double?[fields.Count];
        for (var i = 0; i < fields.Count; i++)
        {
            if (current.TryGetProperty(fields[i], out var value) && value.ValueKind == JsonValueKind.Number && value.TryGetDouble(out var number) && double.IsFinite(number))
            {
                values[i] = number;
            }
        }

        return values;
    }

    public void Dispose() => http.Dispose();
}
