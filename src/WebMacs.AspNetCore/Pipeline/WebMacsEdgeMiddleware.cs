using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using WebMacs.AspNetCore.Http;

namespace WebMacs.AspNetCore.Pipeline;

/// <summary>
/// The outermost WebMacs middleware (reference §3.8–3.11): a fresh <c>x-request-id</c> on every HTTP response,
/// security headers, the 307 for a trailing slash, per-client rate limiting of the API, and the original's JSON
/// bodies for unknown routes (404) and wrong methods (405). Limiting uses System.Threading.RateLimiting's sliding
/// window, partitioned by client address.
/// </summary>
internal sealed class WebMacsEdgeMiddleware : IAsyncDisposable
{
    private const string TooManyRequests = "Too many requests. Please try again later.";
    private readonly RequestDelegate next;
    private readonly WebMacsHttpOptions options;
    private readonly ClientAddress clients;
    private readonly PartitionedRateLimiter<string>? limiter;

    public WebMacsEdgeMiddleware(RequestDelegate next, IOptions<WebMacsHttpOptions> options)
    {
        this.next = next;
        this.options = options.Value;
        clients = new ClientAddress(this.options.TrustedProxies);
        if (this.options.RateLimitPerMinute > 0)
        {
            var permits = this.options.RateLimitPerMinute;
            limiter = PartitionedRateLimiter.Create<string, string>(key => RateLimitPartition.GetSlidingWindowLimiter(key, _ => new SlidingWindowRateLimiterOptions
            {
                PermitLimit = permits,
                Window = TimeSpan.FromMinutes(1),
                SegmentsPerWindow = 60,
                QueueLimit = 0,
                AutoReplenishment = true,
            }));
        }
    }

    public async Task InvokeAsync(HttpContext context)
    {
        var request = context.Request;
        var isWebSocket = context.WebSockets.IsWebSocketRequest;
        if (!isWebSocket)
        {
            context.Response.Headers["x-request-id"] = Guid.NewGuid().ToString();
        }

        if (options.SecurityHeaders)
        {
            AddSecurityHeaders(context);
        }

        if (!WebMacsPaths.IsWebMacs(request.Path))
        {
            await next(context).ConfigureAwait(false);
            return;
        }

        if (request.Path.StartsWithSegments(WebMacsPaths.ApiV1) && request.Path.Value!.Length > 1 && request.Path.Value.EndsWith('/'))
        {
            context.Response.StatusCode = StatusCodes.Status307TemporaryRedirect;
            context.Response.Headers.Location = $"{request.PathBase}{request.Path.Value.TrimEnd('/')}{request.QueryString}";
            return;
        }

        NormalizeJsonContentType(request);

        if (!isWebSocket && await IsRateLimitedAsync(context).ConfigureAwait(false))
        {
            context.Response.Headers.RetryAfter = "60";
            await Problems.WriteAsync(context, StatusCodes.Status429TooManyRequests, TooManyRequests).ConfigureAwait(false);
            return;
        }

        await next(context).ConfigureAwait(false);

        var response = context.Response;
        if (!response.HasStarted && response.ContentLength is null && response.ContentType is null
            && response.StatusCode is StatusCodes.Status404NotFound or StatusCodes.Status405MethodNotAllowed)
        {
            await Problems.WriteAsync(context, response.StatusCode, response.StatusCode == 404 ? "Not Found" : "Method Not Allowed").ConfigureAwait(false);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (limiter is not null)
        {
            await limiter.DisposeAsync().ConfigureAwait(false);
        }
    }

    private async ValueTask<bool> IsRateLimitedAsync(HttpContext context)
    {
        var request = context.Request;
        if (limiter is null || HttpMethods.IsOptions(request.Method) || request.Path.StartsWithSegments(WebMacsPaths.Health) || request.Path.StartsWithSegments(WebMacsPaths.Ota)
            || (request.Path.StartsWithSegments(WebMacsPaths.Datapoints) && (HttpMethods.IsGet(request.Method) || HttpMethods.IsPost(request.Method))))
        {
            return false;
        }

        var client = clients.Resolve(context);
        if (client is null || ClientAddress.IsExempt(client))
        {
            return false;
        }

        using var lease = await limiter.AcquireAsync(client.ToString(), 1, context.RequestAborted).ConfigureAwait(false);
        return !lease.IsAcquired;
    }

    /// <summary>
    /// WebMACS clients do not always label their JSON (curl's default is a form type; some send none), and the
    /// original parses the body as JSON regardless. Relabelling it here keeps ASP.NET Core's content-type matching
    /// from answering 415 where the contract expects the body to be validated (422). Multipart uploads keep their type.
    /// </summary>
    private static void NormalizeJsonContentType(HttpRequest request)
    {
        if (!request.Path.StartsWithSegments(WebMacsPaths.ApiV1)
            || !(HttpMethods.IsPost(request.Method) || HttpMethods.IsPut(request.Method) || HttpMethods.IsPatch(request.Method)))
        {
            return;
        }

        var type = request.ContentType;
        if (type is null
            || (!type.StartsWith("application/json", StringComparison.OrdinalIgnoreCase) && !type.StartsWith("multipart/", StringComparison.OrdinalIgnoreCase)))
        {
            request.ContentType = "application/json";
        }
    }

    private static void AddSecurityHeaders(HttpContext context)
    {
        var headers = context.Response.Headers;
        headers.XFrameOptions = "DENY";
        headers.XContentTypeOptions = "nosniff";
        headers["Referrer-Policy"] = "strict-origin-when-cross-origin";
        headers.XXSSProtection = "0";
        headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=()";
        if (context.Request.Path.StartsWithSegments(WebMacsPaths.Api))
        {
            headers.CacheControl = "no-store, no-cache, must-revalidate";
            headers.Pragma = "no-cache";
            headers.ContentSecurityPolicy = "default-src 'none'; frame-ancestors 'none'";
        }
    }
}
