using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Http;

namespace WebMacs.AspNetCore.Pipeline;

/// <summary>
/// Finds the client of a request for rate limiting: the socket address, or — only when the socket peer is a trusted
/// proxy — the first <c>X-Forwarded-For</c> entry, else <c>X-Real-IP</c> (a compat fix: the original trusted the
/// headers from anyone).
/// </summary>
internal sealed class ClientAddress
{
    private static readonly IPNetwork[] Exempt =
    [
        IPNetwork.Parse("127.0.0.0/8"), IPNetwork.Parse("10.0.0.0/8"), IPNetwork.Parse("172.16.0.0/12"),
        IPNetwork.Parse("192.168.0.0/16"), IPNetwork.Parse("::1/128"), IPNetwork.Parse("fc00::/7"),
    ];

    private readonly IPNetwork[] trustedProxies;

    public ClientAddress(IEnumerable<string> trustedProxies) =>
        this.trustedProxies = trustedProxies.Select(p => p.Contains('/', StringComparison.Ordinal) ? IPNetwork.Parse(p) : new IPNetwork(IPAddress.Parse(p), IPAddress.Parse(p).AddressFamily == AddressFamily.InterNetwork ? 32 : 128)).ToArray();

    public IPAddress? Resolve(HttpContext context)
    {
        var peer = Normalize(context.Connection.RemoteIpAddress);
        if (peer is null || !trustedProxies.Any(n => n.Contains(peer)))
        {
            return peer;
        }

        var forwarded = context.Request.Headers["X-Forwarded-For"].ToString();
        var candidate = forwarded.Length > 0 ? forwarded.Split(',')[0].Trim() : context.Request.Headers["X-Real-IP"].ToString().Trim();
        return IPAddress.TryParse(candidate, out var client) ? Normalize(client) : peer;
    }

    /// <summary>Tells whether the address is loopback or private (trusted, never limited), as in the original.</summary>
    public static bool IsExempt(IPAddress address) => Exempt.Any(n => n.Contains(address));

    private static IPAddress? Normalize(IPAddress? address) => address is { IsIPv4MappedToIPv6: true } ? address.MapToIPv4() : address;
}
