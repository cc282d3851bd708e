using System.Globalization;
using System.Text;
using System.Text.Json;
using WebMacs.AspNetCore.Tests.Datapoints;

namespace WebMacs.AspNetCore.Tests.WebSockets;

/// <summary>Builds telemetry messages and checks the server's frames.</summary>
internal static class TelemetryFrames
{
    public static string Batch(TestEvent linked, int count, double value = 1.0, string? source = null, long? seq = null)
    {
        var text = new StringBuilder("{");
        if (source is not null)
        {
            text.Append(CultureInfo.InvariantCulture, $"\"source\":{JsonSerializer.Serialize(source)},\"seq\":{seq},");
        }

        text.Append("\"datapoints\":[");
        for (var i = 0; i < count; i++)
        {
            text.Append(i == 0 ? string.Empty : ",")
                .Append(CultureInfo.InvariantCulture, $"{{\"value\":{value.ToString("R", CultureInfo.InvariantCulture)},\"event_public_id\":\"{linked.Public}\"}}");
        }

        return text.Append("]}").ToString();
    }

    public static void AssertError(JsonElement frame, string message, long? seq = null)
    {
        Assert.Equal("error", frame.GetProperty("type").GetString());
        Assert.Equal(message, frame.GetProperty("message").GetString());
        if (seq is { } n)
        {
            Assert.Equal(n, frame.GetProperty("seq").GetInt64());
        }
        else
        {
            Assert.False(frame.TryGetProperty("seq", out _), $"Unexpected seq in {frame}");
        }
    }

    public static void AssertAck(JsonElement frame, long seq)
    {
        Assert.Equal("ack", frame.GetProperty("type").GetString());
        Assert.Equal(seq, frame.GetProperty("seq").GetInt64());
    }

    /// <summary>A message that always answers "No valid datapoints in batch": sent after another to prove it got no reply.</summary>
    public const string Probe = """{"datapoints":[{"foo":1}]}""";

    public static async Task AssertNoReplyBeforeProbeAsync(WsClient client)
    {
        await client.SendTextAsync(Probe);
        AssertError(await client.ReceiveJsonAsync(), "No valid datapoints in batch");
    }
}
