using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace WebMacs.AspNetCore.Tests.Support;

/// <summary>How a <see cref="WebhookReceiver"/> answers.</summary>
internal enum ReceiverBehaviour
{
    /// <summary>200 at once.</summary>
    Ok,

    /// <summary>500 at once.</summary>
    Fail,

    /// <summary>Holds the request until the receiver is disposed (or the caller gives up).</summary>
    Hang,
}

/// <summary>One request a <see cref="WebhookReceiver"/> got: method, path, headers and the raw body bytes.</summary>
internal sealed record ReceivedRequest(string Method, string Path, IReadOnlyDictionary<string, string> Headers, byte[] Body)
{
    public string BodyText => System.Text.Encoding.UTF8.GetString(Body);

    public string? Header(string name) => Headers.TryGetValue(name, out var value) ? value : null;
}

/// <summary>A real HTTP receiver on loopback (Kestrel on <c>http://127.0.0.1:0</c>) that records every request and answers as told.</summary>
internal sealed class WebhookReceiver : IAsyncDisposable
{
    private readonly WebApplication app;
    private readonly ConcurrentQueue<ReceivedRequest> requests = new();
    private readonly CancellationTokenSource stopping = new();

    private WebhookReceiver(WebApplication app, ReceiverBehaviour behaviour)
    {
        this.app = app;
        Behaviour = behaviour;
    }

    /// <summary>Gets or sets how the receiver answers the next requests.</summary>
    public ReceiverBehaviour Behaviour { get; set; }

    /// <summary>Gets the receiver's base address, e.g. <c>http://127.0.0.1:41234</c>.</summary>
    public Uri BaseAddress { get; private set; } = null!;

    /// <summary>Gets a new URL on this receiver (a path of its own, so each webhook's requests can be told apart).</summary>
    public string NewUrl(string? host = null)
    {
        var builder = new UriBuilder(BaseAddress) { Path = $"/hooks/{Guid.NewGuid():N}" };
        if (host is not null)
        {
            builder.Host = host;
        }

        return builder.Uri.ToString();
    }

    public IReadOnlyList<ReceivedRequest> Requests => [.. requests];

    public IReadOnlyList<ReceivedRequest> RequestsTo(string url) => [.. requests.Where(r => r.Path == new Uri(url).AbsolutePath)];

    public static async Task<WebhookReceiver> StartAsync(ReceiverBehaviour behaviour = ReceiverBehaviour.Ok)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var receiver = new WebhookReceiver(app, behaviour);
        app.Run(receiver.HandleAsync);
        await app.StartAsync(TestContext.Current.CancellationToken);
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        receiver.BaseAddress = new Uri(address);
        return receiver;
    }

    public async ValueTask DisposeAsync()
    {
        await stopping.CancelAsync();
        await app.StopAsync(CancellationToken.None);
        await app.DisposeAsync();
        stopping.Dispose();
    }

    private async Task HandleAsync(HttpContext context)
    {
        using var body = new MemoryStream();
        await context.Request.Body.CopyToAsync(body, context.RequestAborted);
        var headers = context.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase);
        requests.Enqueue(new ReceivedRequest(context.Request.Method, context.Request.Path.Value ?? string.Empty, headers, body.ToArray()));
        switch (Behaviour)
        {
            case ReceiverBehaviour.Fail:
                context.Response.StatusCode = StatusCodes.Status500InternalServerError;
                break;
            case ReceiverBehaviour.Hang:
                using (var linked = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, stopping.Token))
                {
                    await Task.Delay(Timeout.Infinite, linked.Token).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
                }

                break;
            default:
                context.Response.StatusCode = StatusCodes.Status200OK;
                break;
        }
    }
}
