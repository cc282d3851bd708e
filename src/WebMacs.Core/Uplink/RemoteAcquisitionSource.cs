using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using WebMacs.Acquisition;
using WebMacs.Domain;

namespace WebMacs.Uplink;

/// <summary>
/// The plugin instances of an edge controller (<c>AddUplink()</c>), read from the backend's REST API like the original
/// controller (reference §2.5, §2.11) but with every page (<c>page_size=100</c> until <c>total</c> is read, where the
/// original stopped at the first page: §8), authenticated with the uplink's API token. When the backend cannot be
/// reached the last good configuration stays in use and the next sync retries; it is also kept in a JSON file next to
/// the uplink buffer, so a controller restarted without network still acquires. Status reports go to
/// <c>PUT /api/v1/plugins/{id}/status</c>, latest per instance wins; undelivered ones are sent again at each sync.
/// With <see cref="UplinkOptions.DownloadPackages"/> each load first syncs the plugin packages
/// (<see cref="RemotePackageSync"/>), so the instances of a package's plugins start in the same sync.
/// </summary>
internal sealed partial class RemoteAcquisitionSource(
    IHttpClientFactory http, IOptions<UplinkOptions> options, string cacheFile, ILogger<RemoteAcquisitionSource> logger, RemotePackageSync? packages = null)
    : IAcquisitionSource
{
    /// <summary>The name of the HTTP client (base address: the backend; bearer: the uplink's API token).</summary>
    public const string HttpClientName = "WebMacs.Uplink";

    /// <summary>The page size of the instance list (the backend's maximum).</summary>
    public const int PageSize = 100;

    /// <summary>How long one request to the backend may take.</summary>
    public static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(15);

    private readonly ConcurrentDictionary<Guid, (PluginStatus Status, string? Error)> undelivered = new();
    private List<InstanceSpec>? lastGood;
    private byte[]? savedFile;
    private volatile bool unreachable;
    private bool cacheRead;

    /// <summary>Gets the file the last good configuration is kept in.</summary>
    public string CacheFile => cacheFile;

    /// <summary>Configures the named client: base address with a trailing slash, timeout, bearer token.</summary>
    public static void ConfigureClient(UplinkOptions settings, HttpClient client)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(client);
        if (settings.BackendUrl is { } url)
        {
            client.BaseAddress = new Uri(url.GetLeftPart(UriPartial.Path).TrimEnd('/') + "/");
        }

        client.Timeout = RequestTimeout;
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", settings.ApiToken);
    }

    public async Task<List<InstanceSpec>> LoadAsync(CancellationToken cancellationToken)
    {
        if (packages is not null)
        {
            await packages.SyncAsync(cancellationToken).ConfigureAwait(false);
        }

        List<InstanceSpec> specs;
        try
        {
            specs = await FetchAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            if (!cacheRead)
            {
                cacheRead = true;
                lastGood ??= ReadCache();
            }

            var reason = ex is OperationCanceledException ? $"no answer within {RequestTimeout.TotalSeconds:0} s" : ex.Message;
            if (!unreachable)
            {
                // Logged once per outage; every sync retries quietly.
                if (lastGood is null)
                {
                    LogUnreachableNoConfiguration(logger, options.Value.BackendUrl, reason);
                }
                else
                {
                    LogUnreachable(logger, options.Value.BackendUrl, reason, lastGood.Count);
                }
            }

            unreachable = true;
            return lastGood is null ? [] : [.. lastGood];
        }

        if (unreachable)
        {
            LogReachableAgain(logger, options.Value.BackendUrl, specs.Count);
        }

        unreachable = false;
        lastGood = specs;
        SaveCache(specs);
        await DeliverUndeliveredAsync(cancellationToken).ConfigureAwait(false);
        return specs;
    }

    public async ValueTask ReportStatusAsync(Guid instancePublicId, PluginStatus status, string? error, CancellationToken cancellationToken)
    {
        undelivered[instancePublicId] = (status, error);
        if (!unreachable)
        {
            await TryDeliverAsync(instancePublicId, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task<List<InstanceSpec>> FetchAsync(CancellationToken ct)
    {
        var client = http.CreateClient(HttpClientName);
        var specs = new List<InstanceSpec>();
        var read = 0;
        for (var page = 1; ; page++)
        {
            using var response = await client.GetAsync(new Uri($"api/v1/plugins?page={page}&page_size={PageSize}", UriKind.Relative), ct).ConfigureAwait(false);
            EnsureSuccess(response, "GET /api/v1/plugins");
            var stream = await response.Content.ReadAsStreamAsync(ct).ConfigureAwait(false);
            await using (stream.ConfigureAwait(false))
            {
                using var document = await JsonDocument.ParseAsync(stream, default, ct).ConfigureAwait(false);
                var total = document.RootElement.GetProperty("total").GetInt32();
                var data = document.RootElement.GetProperty("data");
                foreach (var item in data.EnumerateArray())
                {
                    read++;
                    if (RemoteInstanceFormat.Parse(item) is { } spec)
                    {
                        specs.Add(spec);
                    }
                }

                if (read >= total || data.GetArrayLength() == 0)
                {
                    return specs;
                }
            }
        }
    }

    private async Task DeliverUndeliveredAsync(CancellationToken ct)
    {
        foreach (var id in undelivered.Keys)
        {
            if (!await TryDeliverAsync(id, ct).ConfigureAwait(false))
            {
                return;
            }
        }
    }

    /// <summary>Sends the latest status of an instance; false when the backend could not be reached.</summary>
    private async Task<bool> TryDeliverAsync(Guid id, CancellationToken ct)
    {
        if (!undelivered.TryGetValue(id, out var report))
        {
            return true;
        }

        try
        {
            using var content = new ByteArrayContent(RemoteInstanceFormat.StatusBody(WireEnum<PluginStatus>.ToWire(report.Status), report.Error));
            content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
            using var response = await http.CreateClient(HttpClientName)
                .PutAsync(new Uri($"api/v1/plugins/{id}/status", UriKind.Relative), content, ct).ConfigureAwait(false);
            if (response.StatusCode == HttpStatusCode.NotFound)
            {
                LogStatusForUnknownInstance(logger, id);
            }
            else
            {
                EnsureSuccess(response, "PUT /api/v1/plugins/{id}/status");
            }

            // Only a report that was not replaced meanwhile is done.
            undelivered.TryRemove(new KeyValuePair<Guid, (PluginStatus, string?)>(id, report));
            return true;
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            LogStatusNotDelivered(logger, id, report.Status, ex.Message);
            return false;
        }
    }

    /// <summary>Throws an <see cref="HttpRequestException"/> naming the request and, for 401/403, the token setting, unless the reply is a success.</summary>
    internal static void EnsureSuccess(HttpResponseMessage response, string request)
    {
        if (!response.IsSuccessStatusCode)
        {
            var hint = response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden
                ? " (check the API token: WEBMACS_API_TOKEN / WebMacs:Uplink:ApiToken, an operator or admin token)"
                : string.Empty;
            throw new HttpRequestException($"{request} answered {(int)response.StatusCode} {response.ReasonPhrase}{hint}.", null, response.StatusCode);
        }
    }

    private List<InstanceSpec>? ReadCache()
    {
        try
        {
            if (!File.Exists(cacheFile))
            {
                return null;
            }

            var specs = RemoteInstanceFormat.Read(File.ReadAllBytes(cacheFile));
            LogCacheLoaded(logger, specs.Count, cacheFile);
            return specs;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
        {
            LogCacheUnreadable(logger, ex, cacheFile);
            return null;
        }
    }

    private void SaveCache(List<InstanceSpec> specs)
    {
        var bytes = RemoteInstanceFormat.Write(specs);
        if (savedFile is not null && bytes.AsSpan().SequenceEqual(savedFile))
        {
            return;
        }

        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(cacheFile)!);
            var temporary = cacheFile + ".tmp";
            File.WriteAllBytes(temporary, bytes);
            File.Move(temporary, cacheFile, overwrite: true);
            savedFile = bytes;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            LogCacheNotSaved(logger, ex, cacheFile);
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "The backend {BackendUrl} is unreachable ({Reason}) and no configuration was ever received: no plugin instance runs; the next sync retries.")]
    private static partial void LogUnreachableNoConfiguration(ILogger logger, Uri? backendUrl, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The backend {BackendUrl} is unreachable ({Reason}); the last good configuration ({Count} instances) stays in use and every sync retries.")]
    private static partial void LogUnreachable(ILogger logger, Uri? backendUrl, string reason, int count);

    [LoggerMessage(Level = LogLevel.Information, Message = "The backend {BackendUrl} is reachable again; {Count} enabled plugin instances.")]
    private static partial void LogReachableAgain(ILogger logger, Uri? backendUrl, int count);

    [LoggerMessage(Level = LogLevel.Information, Message = "Loaded the last good configuration ({Count} instances) from {File}.")]
    private static partial void LogCacheLoaded(ILogger logger, int count, string file);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The last good configuration {File} cannot be read; it is ignored.")]
    private static partial void LogCacheUnreadable(ILogger logger, Exception exception, string file);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The last good configuration could not be saved to {File}.")]
    private static partial void LogCacheNotSaved(ILogger logger, Exception exception, string file);

    [LoggerMessage(Level = LogLevel.Debug, Message = "The backend does not know plugin instance {InstanceId}; its status report is dropped.")]
    private static partial void LogStatusForUnknownInstance(ILogger logger, Guid instanceId);

    [LoggerMessage(Level = LogLevel.Debug, Message = "The status {Status} of plugin instance {InstanceId} was not delivered ({Reason}); the next sync sends it again.")]
    private static partial void LogStatusNotDelivered(ILogger logger, Guid instanceId, PluginStatus status, string reason);
}
