using System.CommandLine;
using System.Globalization;
using System.Text;
using WebMacs.LoadTest;

// The end-to-end load tool (see docs/benchmarks.md): drives a running WebMacs host over its real protocol.
var url = new Option<string>("--url") { Description = "Base URL of the running host.", DefaultValueFactory = _ => "http://127.0.0.1:8000" };
var email = new Option<string>("--email") { Description = "Login e-mail (admin or operator).", DefaultValueFactory = _ => "admin@webmacs.local" };
var password = new Option<string>("--password") { Description = "Login password.", DefaultValueFactory = _ => Environment.GetEnvironmentVariable("WEBMACS_LOAD_PASSWORD") ?? string.Empty };
var connections = new Option<int>("--connections") { Description = "Telemetry WebSocket connections.", DefaultValueFactory = _ => 4 };
var batch = new Option<int>("--batch") { Description = "Datapoints per telemetry message.", DefaultValueFactory = _ => 500 };
var rate = new Option<double>("--rate") { Description = "Target datapoints/s over all connections (0: as fast as acks allow).", DefaultValueFactory = _ => 0 };
var window = new Option<int>("--window") { Description = "Unacknowledged messages per connection.", DefaultValueFactory = _ => 16 };
var duration = new Option<int>("--duration") { Description = "Measured seconds.", DefaultValueFactory = _ => 60 };
var warmup = new Option<int>("--warmup") { Description = "Warm-up seconds (not measured).", DefaultValueFactory = _ => 5 };
var subscribers = new Option<int>("--subscribers") { Description = "Live-stream subscribers measuring ingest-to-stream latency.", DefaultValueFactory = _ => 2 };
var eventCount = new Option<int>("--events") { Description = "Linked events to spread the datapoints over.", DefaultValueFactory = _ => 100 };
var db = new Option<string?>("--db") { Description = "Npgsql connection string of the host's database: also measure the raw binary-COPY rate." };
var rawSeconds = new Option<int>("--raw-seconds") { Description = "Seconds of the raw COPY measurement.", DefaultValueFactory = _ => 15 };
var hostPid = new Option<int?>("--host-pid") { Description = "Process id of the host: sample its resident memory." };
var rest = new Option<bool>("--rest") { Description = "REST mode: the original's load test (sensors × hz via POST /api/v1/datapoints/batch)." };
var sensors = new Option<int>("--sensors") { Description = "REST mode: sensors per batch.", DefaultValueFactory = _ => 500 };
var stages = new Option<string?>("--stages") { Description = "REST mode: run these sensor counts one after another (e.g. 10,50,100,250,500, as the original), --warmup + --duration each." };
var hz = new Option<double>("--hz") { Description = "REST mode: batches per second.", DefaultValueFactory = _ => 2 };
var output = new Option<string?>("--out") { Description = "Append the result table (Markdown) to this file." };
var samples = new Option<string?>("--samples") { Description = "REST mode: write every measured request (stage, seconds since start, kind, milliseconds) to this CSV file." };
var label = new Option<string>("--label") { Description = "A name for this run in the result table.", DefaultValueFactory = _ => "run" };

var root = new RootCommand("WebMacs load tool: durable telemetry throughput, ack and live-stream latency, raw COPY comparison, REST replay.")
{
    url, email, password, connections, batch, rate, window, duration, warmup, subscribers, eventCount, db, rawSeconds, hostPid, rest, sensors, stages, hz, output, samples, label,
};

root.SetAction(async (parse, cancellationToken) =>
{
    var baseUri = new Uri(parse.GetValue(url)!);
    var setup = new LoadSetup(baseUri);
    await setup.LoginAsync(parse.GetValue(email)!, parse.GetValue(password)!, cancellationToken);
    var isRest = parse.GetValue(rest);
    var stageSizes = isRest && parse.GetValue(stages) is { Length: > 0 } list
        ? [.. list.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).Select(n => int.Parse(n, CultureInfo.InvariantCulture))]
        : new[] { parse.GetValue(sensors) };
    var events = await setup.CreateLinkedEventsAsync(isRest ? stageSizes.Max() : parse.GetValue(eventCount), cancellationToken);
    var warm = TimeSpan.FromSeconds(parse.GetValue(warmup));
    var measured = TimeSpan.FromSeconds(parse.GetValue(duration));
    var memory = new HostMemory(parse.GetValue(hostPid));
    using var stopMemory = new CancellationTokenSource();
    var memoryTask = memory.RunAsync(TimeSpan.FromSeconds(1), stopMemory.Token);
    var lines = new List<(string Metric, string Value)>
    {
        ("machine", $"{Environment.ProcessorCount} cores, {Environment.OSVersion}, .NET {Environment.Version}"),
        ("started", DateTime.UtcNow.ToString("u", CultureInfo.InvariantCulture)),
    };

    if (isRest)
    {
        var frequency = parse.GetValue(hz);
        lines.Add(("mode", $"REST batch, {string.Join(" → ", stageSizes)} sensors × {frequency} Hz, {measured.TotalSeconds:F0} s each (+{warm.TotalSeconds:F0} s warm-up each)"));
        var sampleLines = new List<string> { "sensors,seconds,kind,ms" };
        foreach (var size in stageSizes)
        {
            var load = new RestLoad(setup.Http, events.Take(size).ToList(), frequency);
            Console.WriteLine($"REST mode: {size} sensors × {frequency} Hz for {measured.TotalSeconds} s (+{warm.TotalSeconds} s warm-up)…");
            await load.RunAsync(warm, measured, cancellationToken);
            var prefix = stageSizes.Length > 1 ? $"{size} sensors: " : string.Empty;
            lines.Add((prefix + "requests ok / failed", $"{load.Ok} / {load.Failed}"));
            lines.Add((prefix + "batch latency", load.Latency.Describe()));
            lines.Add((prefix + "dashboard poll (GET /datapoints/latest)", load.Dashboard.Describe()));
            sampleLines.AddRange(load.Samples.OrderBy(s => s.Seconds).Select(s => FormattableString.Invariant($"{size},{s.Seconds:F3},{s.Kind},{s.Milliseconds:F3}")));
        }

        if (parse.GetValue(samples) is { Length: > 0 } samplesFile)
        {
            await File.WriteAllLinesAsync(samplesFile, sampleLines, cancellationToken);
        }
    }
    else
    {
        var socketBase = new UriBuilder(baseUri) { Scheme = baseUri.Scheme == "https" ? "wss" : "ws" };
        var token = "token=" + Uri.EscapeDataString(setup.Token);
        var telemetry = new TelemetryLoad(new UriBuilder(socketBase.Uri) { Path = "/ws/controller/telemetry", Query = token }.Uri, events, parse.GetValue(connections), parse.GetValue(batch), parse.GetValue(rate), parse.GetValue(window));
        var stream = new StreamProbe(new UriBuilder(socketBase.Uri) { Path = "/ws/datapoints/stream", Query = token }.Uri, parse.GetValue(subscribers));
        Console.WriteLine($"Telemetry: {parse.GetValue(connections)} connections × {parse.GetValue(batch)}-item batches, rate {(parse.GetValue(rate) > 0 ? parse.GetValue(rate).ToString(CultureInfo.InvariantCulture) + " dp/s" : "max")}, {events.Count} events, {measured.TotalSeconds} s (+{warm.TotalSeconds} s warm-up)…");
        await Task.WhenAll(telemetry.RunAsync(warm, measured, cancellationToken), stream.RunAsync(warm, measured, cancellationToken));
        var throughput = telemetry.AckedInWindow / measured.TotalSeconds;
        lines.Add(("mode", $"WebSocket telemetry, {parse.GetValue(connections)} connections, {parse.GetValue(batch)}/batch, window {parse.GetValue(window)}, target {(parse.GetValue(rate) > 0 ? parse.GetValue(rate).ToString("N0", CultureInfo.InvariantCulture) : "max")} dp/s, {parse.GetValue(subscribers)} stream subscribers"));
        lines.Add(("durable throughput (acked)", FormattableString.Invariant($"{throughput:N0} datapoints/s over {measured.TotalSeconds:F0} s")));
        lines.Add(("ack latency", telemetry.AckLatency.Describe()));
        lines.Add(("ingest-to-stream latency", stream.Latency.Describe()));
        lines.Add(("stream frames received", stream.Frames.ToString(CultureInfo.InvariantCulture)));
        lines.Add(("error frames", telemetry.Errors.ToString(CultureInfo.InvariantCulture)));
        await stopMemory.CancelAsync();
        await memoryTask;
        lines.Add(("host memory (RSS)", memory.Describe()));
        if (parse.GetValue(db) is { Length: > 0 } connectionString && parse.GetValue(rate) <= 0)
        {
            Console.WriteLine("Raw binary COPY into the same table…");
            var raw = await RawCopy.MeasureAsync(connectionString, events, parse.GetValue(batch), TimeSpan.FromSeconds(parse.GetValue(rawSeconds)), cancellationToken);
            lines.Add(("raw binary COPY, same table/rows/batch", FormattableString.Invariant($"{raw:N0} rows/s")));
            lines.Add(("ours / raw", FormattableString.Invariant($"{throughput / raw:P0}")));
        }
    }

    await stopMemory.CancelAsync();
    await memoryTask;
    if (isRest)
    {
        lines.Add(("host memory (RSS)", memory.Describe()));
    }

    var table = new StringBuilder();
    table.AppendLine(CultureInfo.InvariantCulture, $"### {parse.GetValue(label)}").AppendLine().AppendLine("| metric | value |").AppendLine("|---|---|");
    foreach (var (metric, value) in lines)
    {
        table.AppendLine(CultureInfo.InvariantCulture, $"| {metric} | {value} |");
    }

    Console.WriteLine(table.ToString());
    if (parse.GetValue(output) is { Length: > 0 } file)
    {
        await File.AppendAllTextAsync(file, table.AppendLine().ToString(), cancellationToken);
    }

    return 0;
});

return await root.Parse(args).InvokeAsync();
