using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using BenchmarkDotNet.Attributes;
using WebMacs.Datapoints;
using WebMacs.Ingestion;

namespace WebMacs.Benchmarks;

/// <summary>
/// Parse + validate one 500-item telemetry frame: the pipeline's single-pass <see cref="Utf8JsonReader"/> parser into a
/// pooled buffer plus validation against the cached linkage map, against the naive way (deserialize to objects, parse
/// the ids, check each against the map).
/// </summary>
[MemoryDiagnoser]
public class TelemetryFrameBenchmarks
{
    private byte[] frame = [];
    private IngestionSnapshot snapshot = null!;
    private Dictionary<Guid, int> linked = [];
    private DateTime now;

    [GlobalSetup]
    public void Setup()
    {
        var events = Enumerable.Range(0, 100).Select(_ => Guid.NewGuid()).ToArray();
        linked = events.Select((e, i) => (e, i + 1)).ToDictionary(x => x.e, x => x.Item2);
        snapshot = new IngestionSnapshot(linked, 7, Guid.NewGuid());
        now = DateTime.UtcNow;
        var millis = new DateTimeOffset(now).ToUnixTimeMilliseconds();
        var items = Enumerable.Range(0, 500).Select(i => FormattableString.Invariant(
            $"{{\"event_public_id\":\"{events[i % events.Length]}\",\"value\":{20 + (i * 0.25)},\"timestamp\":{millis}}}"));
        frame = Encoding.UTF8.GetBytes($"{{\"source\":\"controller-1\",\"seq\":42,\"datapoints\":[{string.Join(',', items)}]}}");
    }

    [Benchmark(Baseline = true)]
    public int DeserializeToObjects()
    {
        var message = JsonSerializer.Deserialize(frame, NaiveJson.Default.NaiveMessage)!;
        var accepted = 0;
        foreach (var item in message.Datapoints!)
        {
            if (Guid.TryParse(item.EventPublicId, out var id) && linked.ContainsKey(id) && double.IsFinite(item.Value))
            {
                _ = DateTimeOffset.FromUnixTimeMilliseconds(item.Timestamp ?? 0);
                accepted++;
            }
        }

        return accepted;
    }

    [Benchmark]
    public int Utf8ReaderIntoPooledBuffer()
    {
        using var parsed = TelemetryFrame.Parse(frame, now);
        var batch = IngestionPipeline.Prepare(parsed.Items, parsed.Sequence, snapshot, now);
        var count = batch.Count;
        batch.Release();
        return count;
    }
}

/// <summary>The naive message shape.</summary>
public sealed class NaiveMessage
{
    public string? Source { get; set; }

    public long? Seq { get; set; }

    public List<NaiveItem>? Datapoints { get; set; }
}

/// <summary>The naive item shape.</summary>
public sealed class NaiveItem
{
    public double Value { get; set; }

    public string? EventPublicId { get; set; }

    public long? Timestamp { get; set; }
}

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
[JsonSerializable(typeof(NaiveMessage))]
internal sealed partial class NaiveJson : JsonSerializerContext;
