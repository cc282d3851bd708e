using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;

namespace WebMacs.AspNetCore.WebSockets;

/// <summary>Configures the WebMacs WebSockets (<c>/ws/…</c>). Bound from <c>WebMacs:WebSockets</c>.</summary>
internal sealed class WebMacsWebSocketOptions
{
    public const string SectionName = "WebMacs:WebSockets";

    /// <summary>Gets or sets the largest message a client may send, in bytes (default 1 MiB); larger ones close the socket with 1009.</summary>
    [Range(1024, 64 * 1024 * 1024)]
    public int MaxMessageBytes { get; set; } = 1024 * 1024;

    /// <summary>Gets or sets how many frames a live-stream client may fall behind before the oldest are dropped (default 256).</summary>
    [Range(1, 100_000)]
    public int StreamQueueCapacity { get; set; } = 256;

    /// <summary>
    /// Gets or sets how long one live-stream frame may take to send (default 10 s). A client that stops reading first
    /// loses frames (its queue keeps the newest), and once a send takes longer than this it is disconnected and counted.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:10:00")]
    public TimeSpan StreamSendTimeout { get; set; } = TimeSpan.FromSeconds(10);
}

/// <summary>Validates <see cref="WebMacsWebSocketOptions"/> at start-up.</summary>
[OptionsValidator]
internal sealed partial class WebMacsWebSocketOptionsValidator : IValidateOptions<WebMacsWebSocketOptions>;
