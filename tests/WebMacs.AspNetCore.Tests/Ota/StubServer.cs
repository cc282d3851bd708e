using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace WebMacs.AspNetCore.Tests.Ota;

/// <summary>
/// A local HTTP server on <c>127.0.0.1:0</c> standing in for GitHub and for firmware download servers: each path
/// answers what the test set for it (404 otherwise), and every request is recorded.
/// </summary>
internal sealed class StubServer : IAsyncDisposable
{
    private readonly WebApplication app;
    private readonly ConcurrentDictionary<string, Func<HttpContext, Task>> routes = new(StringComparer.Ordinal);

    private StubServer(WebApplication app) => this.app = app;

    /// <summary>Gets the server's address, ending in <c>/</c>.</summary>
    public Uri BaseAddress { get; private set; } = null!;

    /// <summary>Gets the requests received so far: path and <c>Accept</c> header.</summary>
    public ConcurrentQueue<(string Path, string Accept)> Requests { get; } = new();

    public static async Task<StubServer> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var stub = new StubServer(app);
        app.Run(stub.HandleAsync);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        stub.BaseAddress = new Uri(address.TrimEnd('/') + "/");
        return stub;
    }

    /// <summary>Gets an address on which nothing listens (connections are refused).</summary>
    public static Uri ClosedAddress()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return new Uri($"http://127.0.0.1:{port}/");
    }

    /// <summary>Answers <paramref name="path"/> with <paramref name="status"/> and the given body.</summary>
    public void Respond(string path, int status, byte[] body, string contentType = "application/json") =>
        routes[path] = async context =>
        {
            context.Response.StatusCode = status;
            context.Response.ContentType = contentType;
            await context.Response.Body.WriteAsync(body, context.RequestAborted);
        };

    public void Respond(string path, int status, string body) => Respond(path, status, System.Text.Encoding.UTF8.GetBytes(body));

    /// <summary>Never answers <paramref name="path"/> (until the client gives up).</summary>
    public void Stall(string path) => routes[path] = context => Task.Delay(Timeout.Infinite, context.RequestAborted);

    /// <summary>Redirects <paramref name="path"/> to <paramref name="target"/> with a 302.</summary>
    public void Redirect(string path, string target) => routes[path] = context =>
    {
        context.Response.StatusCode = StatusCodes.Status302Found;
        context.Response.Headers.Location = target;
        return Task.CompletedTask;
    };

    public Uri Url(string path) => new(BaseAddress, path.TrimStart('/'));

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }

    private async Task HandleAsync(HttpContext context)
    {
        var path = context.Request.Path.Value ?? "/";
        Requests.Enqueue((path, context.Request.Headers.Accept.ToString()));
        try
        {
            if (routes.TryGetValue(path, out var route))
            {
                await route(context);
            }
            else
            {
                context.Response.StatusCode = StatusCodes.Status404NotFound;
            }
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
        }
    }
}
