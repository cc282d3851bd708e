using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Options;
using WebMacs.Webhooks;
using static WebMacs.AspNetCore.Tests.Support.Http;

namespace WebMacs.AspNetCore.Tests.Webhooks;

/// <summary>The SSRF guard: which addresses are internal, and that a connection to one is refused unless allowed.</summary>
public sealed class WebhookTargetGuardTests
{
    [Theory]
    [InlineData("127.0.0.1")]
    [InlineData("127.255.255.254")]
    [InlineData("0.0.0.0")]
    [InlineData("0.1.2.3")]
    [InlineData("10.0.0.1")]
    [InlineData("10.255.255.255")]
    [InlineData("172.16.0.1")]
    [InlineData("172.31.255.255")]
    [InlineData("192.168.1.1")]
    [InlineData("169.254.169.254")]
    [InlineData("169.254.0.1")]
    [InlineData("100.64.0.1")]
    [InlineData("100.127.255.255")]
    [InlineData("192.0.0.8")]
    [InlineData("198.18.0.1")]
    [InlineData("224.0.0.1")]
    [InlineData("255.255.255.255")]
    [InlineData("::1")]
    [InlineData("::")]
    [InlineData("fe80::1")]
    [InlineData("fec0::1")]
    [InlineData("fc00::1")]
    [InlineData("fd12:3456::1")]
    [InlineData("ff02::1")]
    [InlineData("::ffff:127.0.0.1")]
    [InlineData("::ffff:10.1.2.3")]
    [InlineData("::ffff:169.254.169.254")]
    [InlineData("::ffff:192.168.0.1")]
    [InlineData("64:ff9b::7f00:1")]          // NAT64 of 127.0.0.1
    [InlineData("64:ff9b::a9fe:a9fe")]       // NAT64 of 169.254.169.254
    [InlineData("64:ff9b:1::8.8.8.8")]       // local-use NAT64 prefix
    [InlineData("2002:a00:1::1")]            // 6to4 of 10.0.0.1
    [InlineData("2002:c0a8:101::")]          // 6to4 of 192.168.1.1
    [InlineData("2001:0:4136:e378:8000:63bf:80ff:fffe")] // Teredo, client 127.0.0.1
    [InlineData("::10.0.0.1")]               // IPv4-compatible
    [InlineData("::169.254.169.254")]
    [InlineData("2001:db8::1")]              // documentation
    public void IsInternal_InternalAddresses_True(string address) =>
        Assert.True(WebhookTargetGuard.IsInternal(IPAddress.Parse(address)), address);

    [Theory]
    [InlineData("8.8.8.8")]
    [InlineData("1.1.1.1")]
    [InlineData("172.15.255.255")]
    [InlineData("172.32.0.1")]
    [InlineData("100.63.255.255")]
    [InlineData("100.128.0.1")]
    [InlineData("169.253.255.255")]
    [InlineData("192.169.0.1")]
    [InlineData("11.0.0.1")]
    [InlineData("223.255.255.254")]
    [InlineData("2001:4860:4860::8888")]
    [InlineData("2606:4700:4700::1111")]
    [InlineData("::ffff:8.8.8.8")]
    [InlineData("64:ff9b::808:808")]         // NAT64 of 8.8.8.8
    [InlineData("2002:808:808::1")]          // 6to4 of 8.8.8.8
    [InlineData("2001:0:4136:e378:8000:63bf:f7f7:f7f7")] // Teredo, client 8.8.8.8
    [InlineData("::8.8.8.8")]
    public void IsInternal_PublicAddresses_False(string address) =>
        Assert.False(WebhookTargetGuard.IsInternal(IPAddress.Parse(address)), address);

    [Theory]
    [InlineData("127.0.0.1")]
    [InlineData("localhost")]
    public async Task ConnectAsync_LoopbackWithoutPermission_IsRefusedBeforeConnecting(string host)
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        var guard = new WebhookTargetGuard(Options.Create(new WebhookOptions()));

        var refused = await Assert.ThrowsAsync<WebhookTargetRefusedException>(async () => await guard.ConnectAsync(host, port, Ct));

        Assert.StartsWith($"Refused: {host} resolves to an internal address", refused.Message, StringComparison.Ordinal);
        Assert.False(listener.Pending(), "The guard must not connect to a refused target.");
    }

    [Fact]
    public async Task ConnectAsync_AllowedHostOrAllowPrivate_Connects()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        var listed = new WebhookOptions();
        listed.AllowedHosts.Add("127.0.0.1");

        await using (var stream = await new WebhookTargetGuard(Options.Create(listed)).ConnectAsync("127.0.0.1", port, Ct))
        {
            using var accepted = await listener.AcceptTcpClientAsync(Ct);
            Assert.True(accepted.Connected);
        }

        await using (var stream = await new WebhookTargetGuard(Options.Create(new WebhookOptions { AllowPrivateTargets = true })).ConnectAsync("127.0.0.1", port, Ct))
        {
            using var accepted = await listener.AcceptTcpClientAsync(Ct);
            Assert.True(accepted.Connected);
        }
    }
}
