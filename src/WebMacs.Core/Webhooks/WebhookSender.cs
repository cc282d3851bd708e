using System.Globalization;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;

namespace WebMacs.Webhooks;

/// <summary>The outcome of one delivery attempt (reference §6.3 step 2).</summary>
internal readonly record struct WebhookSendResult(bool Delivered, int? ResponseCode, string? Error, bool Permanent);

/// <summary>
/// Sends one delivery attempt: <c>POST</c> of the stored payload bytes with <c>X-Webhook-Timestamp</c> (unix seconds)
/// and, when the webhook has a secret, <c>X-Webhook-Signature</c> = lowercase hex HMAC-SHA256 over
/// <c>"&lt;timestamp&gt;.&lt;payload&gt;"</c> — byte-compatible with the original, so existing receivers verify it.
/// Redirects are not followed; the client's connections go through <see cref="WebhookTargetGuard"/>.
/// </summary>
internal sealed class WebhookSender(IHttpClientFactory clients, TimeProvider time)
{
    public const string ClientName = "WebMacs.Webhooks";

    public async Task<WebhookSendResult> SendAsync(string url, string? secret, string payload, CancellationToken cancellationToken)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var target) || (target.Scheme != Uri.UriSchemeHttp && target.Scheme != Uri.UriSchemeHttps))
        {
            return new WebhookSendResult(false, null, $"Invalid URL: {url}", true);
        }

        var timestamp = time.GetUtcNow().ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var body = Encoding.UTF8.GetBytes(payload);
        using var request = new HttpRequestMessage(HttpMethod.Post, target) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Headers.Add("X-Webhook-Timestamp", timestamp);
        if (!string.IsNullOrEmpty(secret))
        {
            request.Headers.Add("X-Webhook-Signature", Sign(secret, timestamp, body));
        }

        var client = clients.CreateClient(ClientName);
        try
        {
            using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
            var code = (int)response.StatusCode;
            return code < 300 ? new WebhookSendResult(true, code, null, false) : new WebhookSendResult(false, code, $"HTTP {code}", false);
        }
        catch (HttpRequestException ex) when (ex.InnerException is WebhookTargetRefusedException refused)
        {
            return new WebhookSendResult(false, null, refused.Message, true);
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new WebhookSendResult(false, null, "Timeout", false);
        }
        catch (HttpRequestException ex)
        {
            return new WebhookSendResult(false, null, $"Transport error: {ex.Message}", false);
        }
    }

    /// <summary>Computes the signature of <c>"&lt;timestamp&gt;.&lt;body&gt;"</c> with the webhook's secret.</summary>
    public static string Sign(string secret, string timestamp, ReadOnlySpan<byte> body)
    {
        var prefix = Encoding.UTF8.GetBytes(timestamp + ".");
        var message = new byte[prefix.Length + body.Length];
        prefix.CopyTo(message, 0);
        body.CopyTo(message.AsSpan(prefix.Length));
        return Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), message));
    }
}
