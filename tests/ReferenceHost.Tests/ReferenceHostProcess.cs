using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;

namespace WebMacs.ReferenceHost.Tests;

/// <summary>
/// The built reference host running as a child process (<c>dotnet ReferenceHost.dll --urls http://127.0.0.1:&lt;port&gt;</c>)
/// with a controlled environment: the variables that configure WebMacs or ASP.NET Core are removed from the inherited
/// environment and only the test's own are set. Output is collected line by line; disposing kills the process tree.
/// </summary>
internal sealed class ReferenceHostProcess : IAsyncDisposable
{
    /// <summary>Bounds every wait (start, health, exit); it is a limit, never an assertion.</summary>
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    private static readonly string[] ClearedPrefixes = ["ASPNETCORE_", "INITIAL_ADMIN_", "WEBMACS", "Logging__"];
    private static readonly string[] ClearedNames = ["DOTNET_ENVIRONMENT", "DOTNET_URLS", "SECRET_KEY", "DATABASE_URL", "ENV", "ACCESS_TOKEN_EXPIRE_MINUTES"];

    private readonly Process process;
    private readonly ConcurrentQueue<string> stdout = new();
    private readonly ConcurrentQueue<string> stderr = new();
    private readonly string workingDirectory;

    private ReferenceHostProcess(Process process, Uri baseAddress, string workingDirectory)
    {
        this.process = process;
        this.workingDirectory = workingDirectory;
        BaseAddress = baseAddress;
        Client = new HttpClient { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(30) };
    }

    public Uri BaseAddress { get; }

    public HttpClient Client { get; }

    public IReadOnlyList<string> StandardOutput => [.. stdout];

    public IReadOnlyList<string> StandardError => [.. stderr];

    /// <summary>Gets both streams, for failure messages.</summary>
    public string Transcript => $"exit: {(process.HasExited ? process.ExitCode.ToString(CultureInfo.InvariantCulture) : "running")}\n"
        + $"--- stdout ---\n{string.Join('\n', stdout)}\n--- stderr ---\n{string.Join('\n', stderr)}";

    /// <summary>
    /// Starts the host with <paramref name="environment"/> on top of the cleaned inherited environment, in a fresh
    /// working directory (so no appsettings.json of a developer's checkout applies).
    /// </summary>
    public static ReferenceHostProcess Start(IReadOnlyDictionary<string, string> environment)
    {
        var port = FreePort.Next();
        var workingDirectory = Directory.CreateTempSubdirectory("webmacs-refhost-cwd-").FullName;
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(ReferenceHostBuild.DllPath);
        start.ArgumentList.Add("--urls");
        start.ArgumentList.Add($"http://127.0.0.1:{port}");

        foreach (var name in start.Environment.Keys.ToList())
        {
            if (ClearedNames.Contains(name, StringComparer.OrdinalIgnoreCase)
                || ClearedPrefixes.Any(p => name.StartsWith(p, StringComparison.OrdinalIgnoreCase)))
            {
                start.Environment.Remove(name);
            }
        }

        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        var process = new Process { StartInfo = start, EnableRaisingEvents = true };
        var host = new ReferenceHostProcess(process, new Uri($"http://127.0.0.1:{port}"), workingDirectory);
        process.OutputDataReceived += (_, e) => host.Collect(host.stdout, e.Data);
        process.ErrorDataReceived += (_, e) => host.Collect(host.stderr, e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return host;
    }

    /// <summary>Waits until <c>GET /health</c> answers 200 and the start-up banner was printed; fails when the process exits first.</summary>
    public async Task<JsonElement> WaitForHealthAsync()
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(Timeout);
        while (true)
        {
            if (process.HasExited)
            {
                Assert.Fail($"The reference host exited before answering /health.\n{Transcript}");
            }

            try
            {
                using var response = await Client.GetAsync("/health", timeout.Token);
                if (response.IsSuccessStatusCode)
                {
                    var body = await response.Content.ReadFromJsonAsync<JsonElement>(timeout.Token);
                    await WaitForOutputAsync(line => line.Contains("WebMacs is running at", StringComparison.Ordinal), timeout.Token);
                    return body;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            catch (OperationCanceledException) when (timeout.IsCancellationRequested && !TestContext.Current.CancellationToken.IsCancellationRequested)
            {
                Assert.Fail($"The reference host did not answer /health within {Timeout.TotalSeconds} s.\n{Transcript}");
            }

            await Task.Delay(TimeSpan.FromMilliseconds(250), timeout.Token);
        }
    }

    /// <summary>Waits for the process to exit (all output read) and returns its exit code; fails after <see cref="Timeout"/>.</summary>
    public async Task<int> WaitForExitAsync()
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(Timeout);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException) when (!TestContext.Current.CancellationToken.IsCancellationRequested)
        {
            Assert.Fail($"The reference host did not exit within {Timeout.TotalSeconds} s.\n{Transcript}");
        }

        return process.ExitCode;
    }

    /// <summary>Kills the process tree and waits for it to end.</summary>
    public async Task StopAsync()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
        }

        using var timeout = new CancellationTokenSource(Timeout);
        await process.WaitForExitAsync(timeout.Token);
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        try
        {
            await StopAsync();
        }
        finally
        {
            process.Dispose();
            Directory.Delete(workingDirectory, recursive: true);
        }
    }

    private async Task WaitForOutputAsync(Func<string, bool> predicate, CancellationToken cancellationToken)
    {
        while (!stdout.Any(predicate))
        {
            if (process.HasExited)
            {
                Assert.Fail($"The reference host exited.\n{Transcript}");
            }

            await Task.Delay(TimeSpan.FromMilliseconds(100), cancellationToken);
        }
    }

    private void Collect(ConcurrentQueue<string> lines, string? line)
    {
        if (line is not null)
        {
            lines.Enqueue(line);
        }
    }
}
