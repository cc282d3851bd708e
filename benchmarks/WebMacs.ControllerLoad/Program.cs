using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using WebMacs.Plugins.Simulated;

// Controller load (issue target: one controller polls 1,000 channels at 10 Hz using ≤ 25 % of one core and ≤ 100 MB):
// creates simulated plugin instances (9 channels each, poll_interval_ms 100) on a running backend, then runs an
// in-process edge controller — AddWebMacs().AddDevicePlugin<SimulatedPlugin>().AddAcquisition().AddUplink() — for the
// measured time and reports this process's CPU and memory and the datapoints the backend stored.
string Arg(string name, string fallback) => args.SkipWhile(a => a != name).Skip(1).FirstOrDefault() ?? fallback;
var url = new Uri(Arg("--url", "http://127.0.0.1:8000"));
var email = Arg("--email", "admin@webmacs.local");
var password = Arg("--password", Environment.GetEnvironmentVariable("WEBMACS_LOAD_PASSWORD") ?? string.Empty);
var channels = int.Parse(Arg("--channels", "1000"), CultureInfo.InvariantCulture);
var seconds = int.Parse(Arg("--duration", "60"), CultureInfo.InvariantCulture);
var output = Arg("--out", string.Empty);

using var http = new HttpClient { BaseAddress = url, Timeout = TimeSpan.FromSeconds(60) };
using (var login = await http.PostAsJsonAsync("/api/v1/auth/login", new Dictionary<string, string> { ["email"] = email, ["password"] = password }))
{
    login.EnsureSuccessStatusCode();
    using var body = JsonDocument.Parse(await login.Content.ReadAsStringAsync());
    http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", body.RootElement.GetProperty("access_token").GetString());
}

string token;
using (var created = await http.PostAsJsonAsync("/api/v1/tokens", new Dictionary<string, object> { ["name"] = $"controller-load-{Guid.NewGuid():N}" }))
{
    created.EnsureSuccessStatusCode();
    using var body = JsonDocument.Parse(await created.Content.ReadAsStringAsync());
    token = body.RootElement.GetProperty("token").GetString()!;
}

var run = Guid.NewGuid().ToString("N")[..6];
async Task CreateInstanceAsync(int i)
{
    using var response = await http.PostAsJsonAsync("/api/v1/plugins", new Dictionary<string, object>
    {
        ["plugin_id"] = "simulated", ["instance_name"] = $"ctl-{run}-{i}", ["demo_mode"] = true, ["config_json"] = """{"poll_interval_ms": 100}""",
    });
    response.EnsureSuccessStatusCode();
}

// Only input channels are polled: count them on the first instance, then create enough instances for --channels inputs.
await CreateInstanceAsync(0);
int inputsPerInstance;
using (var list = JsonDocument.Parse(await http.GetStringAsync("/api/v1/plugins?page=1&page_size=100")))
{
    var first = list.RootElement.GetProperty("data").EnumerateArray().First(p => p.GetProperty("instance_name").GetString() == $"ctl-{run}-0");
    inputsPerInstance = first.GetProperty("channel_mappings").EnumerateArray().Count(m => m.GetProperty("direction").GetString() == "input");
}

var instances = (channels + inputsPerInstance - 1) / inputsPerInstance;
for (var i = 1; i < instances; i++)
{
    await CreateInstanceAsync(i);
}

async Task<long> StoredAsync()
{
    using var page = JsonDocument.Parse(await http.GetStringAsync("/api/v1/datapoints?page=1&page_size=1"));
    return page.RootElement.GetProperty("total").GetInt64();
}

var data = Directory.CreateTempSubdirectory("webmacs-controller-load-").FullName;
var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { EnvironmentName = "Benchmark", ContentRootPath = data });
builder.Logging.SetMinimumLevel(LogLevel.Warning);
builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
{
    ["WebMacs:DataDirectory"] = data,
    ["WebMacs:SecretKey"] = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(48)),
});
builder.Services.AddWebMacs(builder.Configuration)
    .AddDevicePlugin<SimulatedPlugin>()
    .AddAcquisition()
    .AddUplink(o =>
    {
        o.BackendUrl = url;
        o.ApiToken = token;
        o.Source = $"controller-load-{run}";
    });
using var host = builder.Build();
await host.StartAsync();

// Let every instance start, then measure.
await Task.Delay(TimeSpan.FromSeconds(10));
var process = Process.GetCurrentProcess();
var cpuBefore = process.TotalProcessorTime;
var storedBefore = await StoredAsync();
var wall = Stopwatch.StartNew();
long maxRss = 0;
while (wall.Elapsed < TimeSpan.FromSeconds(seconds))
{
    await Task.Delay(1000);
    process.Refresh();
    maxRss = Math.Max(maxRss, process.WorkingSet64);
}

process.Refresh();
var cpu = (process.TotalProcessorTime - cpuBefore).TotalSeconds / wall.Elapsed.TotalSeconds;
await Task.Delay(TimeSpan.FromSeconds(2));
var stored = (await StoredAsync()) - storedBefore;
await host.StopAsync();
Directory.Delete(data, recursive: true);

var table = string.Join(
    Environment.NewLine,
    "### controller: simulated channels at 10 Hz through the uplink",
    string.Empty,
    "| metric | value |",
    "|---|---|",
    FormattableString.Invariant($"| machine | {Environment.ProcessorCount} cores, {Environment.OSVersion}, .NET {Environment.Version} |"),
    FormattableString.Invariant($"| input channels polled | {instances * inputsPerInstance} ({instances} simulated instances × {inputsPerInstance} inputs, poll_interval_ms 100 = 10 Hz) |"),
    FormattableString.Invariant($"| GC | {(System.Runtime.GCSettings.IsServerGC ? "server" : "workstation")}, gen0 budget {Environment.GetEnvironmentVariable("DOTNET_GCgen0size") ?? "default"} |"),
    FormattableString.Invariant($"| measured | {wall.Elapsed.TotalSeconds:F0} s |"),
    FormattableString.Invariant($"| controller CPU | {cpu:P1} of one core |"),
    FormattableString.Invariant($"| controller memory (max working set) | {maxRss / 1048576.0:F0} MB |"),
    FormattableString.Invariant($"| samples stored by the backend | {stored / wall.Elapsed.TotalSeconds:N0}/s |"),
    string.Empty);
Console.WriteLine(table);
if (output.Length > 0)
{
    await File.AppendAllTextAsync(output, table + Environment.NewLine);
}
