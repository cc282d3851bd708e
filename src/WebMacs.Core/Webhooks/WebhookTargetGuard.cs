using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Options;

namespace WebMacs.Webhooks;

/// <summary>The delivery target resolves to an address webhooks may not call (SSRF guard).</summary>
internal sealed class WebhookTargetRefusedException(string message) : Exception(message);

/// <summary>
/// The SSRF guard, applied where the connection is made (so a DNS answer that changes between check and connect
/// cannot slip through): a target whose address is loopback, private, link-local (including cloud metadata
/// 169.254.169.254), carrier-grade NAT, unique-local, multicast or unspecified — also when wrapped in a NAT64, 6to4,
/// Teredo or IPv4-compatible IPv6 address — is refused unless
/// <see cref="WebhookOptions.AllowPrivateTargets"/> is set or the host is on <see cref="WebhookOptions.AllowedHosts"/>.
/// </summary>
internal sealed class WebhookTargetGuard(IOptions<WebhookOptions> options)
{
    /// <summary>Connects to <paramref name="host"/>:<paramref name="port"/> through the first permitted address; throws <see cref="WebhookTargetRefusedException"/> otherwise.</summary>
    public async ValueTask<Stream> ConnectAsync(string host, int port, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var trusted = settings.AllowPrivateTargets || settings.AllowedHosts.Any(h => string.Equals(h.Trim(), host, StringComparison.OrdinalIgnoreCase));
        var addresses = IPAddress.TryParse(host, out var literal)
            ? [literal]
            : await Dns.GetHostAddressesAsync(host, cancellationToken).ConfigureAwait(false);
        var permitted = trusted ? addresses : addresses.Where(a => !IsInternal(a)).ToArray();
        if (permitted.Length == 0)
        {
            throw new WebhookTargetRefusedException(
                $"Refused: {host} resolves to an internal address ({string.Join(", ", addresses.Select(a => a.ToString()))}); " +
                "set WEBHOOK_ALLOW_PRIVATE=true or add the host to WebMacs:Webhooks:AllowedHosts to allow it");
        }

        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(permitted, port, cancellationToken).ConfigureAwait(false);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    /// <summary>Tells whether an address is internal (not routable on the public internet).</summary>
    public static bool IsInternal(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        if (IPAddress.IsLoopback(address) || address.Equals(IPAddress.Any) || address.Equals(IPAddress.IPv6Any) || address.Equals(IPAddress.None))
        {
            return true;
        }

        if (address.AddressFamily == AddressFamily.InterNetwork)
        {
            Span<byte> b = stackalloc byte[4];
            address.TryWriteBytes(b, out _);
            return b[0] == 0 || b[0] == 10 || b[0] == 127
                || (b[0] == 100 && b[1] >= 64 && b[1] <= 127)   // 100.64.0.0/10 carrier-grade NAT
                || (b[0] == 169 && b[1] == 254)                 // link-local, cloud metadata
                || (b[0] == 172 && b[1] >= 16 && b[1] <= 31)
                || (b[0] == 192 && b[1] == 168)
                || (b[0] == 192 && b[1] == 0 && b[2] == 0)      // IETF protocol assignments
                || (b[0] == 198 && (b[1] == 18 || b[1] == 19))  // benchmarking
                || b[0] >= 224;                                 // multicast, reserved, broadcast
        }

        Span<byte> v6 = stackalloc byte[16];
        address.TryWriteBytes(v6, out _);
        if (EmbeddedIPv4(v6) is { } embedded)
        {
            // A translation or tunnel address reaches the IPv4 address inside it: judge that one.
            return IsInternal(embedded);
        }

        return address.IsIPv6LinkLocal || address.IsIPv6SiteLocal || address.IsIPv6Multicast
            || (v6[0] & 0xFE) == 0xFC                            // fc00::/7 unique local
            || address.IsIPv6UniqueLocal
            || (v6[0] == 0x00 && v6[1] == 0x64 && v6[2] == 0xff && v6[3] == 0x9b && v6[4] == 0x00 && v6[5] == 0x01)  // 64:ff9b:1::/48 local NAT64
            || (v6[0] == 0x20 && v6[1] == 0x01 && v6[2] == 0x0d && v6[3] == 0xb8);                                 // 2001:db8::/32 documentation
    }

    /// <summary>
    /// The IPv4 address an IPv6 address carries to its destination, or null: NAT64 (64:ff9b::/96), 6to4 (2002::/16,
    /// bytes 2–5), Teredo (2001:0::/32, the client address inverted in the last four bytes) and IPv4-compatible
    /// (::a.b.c.d). Hand-written: .NET only knows IPv4-mapped addresses.
    /// </summary>
    private static IPAddress? EmbeddedIPv4(ReadOnlySpan<byte> v6)
    {
        if (v6[..12].SequenceEqual(stackalloc byte[] { 0x00, 0x64, 0xff, 0x9b, 0, 0, 0, 0, 0, 0, 0, 0 }))
        {
            return new IPAddress(v6[12..]);
        }

        if (v6[0] == 0x20 && v6[1] == 0x02)
        {
            return new IPAddress(v6[2..6]);
        }

        if (v6[0] == 0x20 && v6[1] == 0x01 && v6[2] == 0 && v6[3] == 0)
        {
            return new IPAddress(new[] { (byte)~v6[12], (byte)~v6[13], (byte)~v6[14], (byte)~v6[15] });
        }

        // ::a.b.c.d (but not :: and ::1, judged as IPv6 above).
        return v6[..12].IndexOfAnyExcept((byte)0) < 0 && (v6[12] | v6[13]) != 0 ? new IPAddress(v6[12..]) : null;
    }
}
