using System.Diagnostics;
using System.Globalization;

namespace WebMacs.Plugins.Modbus.Tests.Server;

/// <summary>
/// A real Modbus TCP server: <c>modbus_test_server.py</c> (pymodbus) in its own process, serving <see cref="TestServerData"/>.
/// </summary>
public sealed class ModbusServerProcess : IAsyncDisposable
{
    private static readonly TimeSpan StartupLimit = TimeSpan.FromSeconds(30);
    private readonly Process _process;

    private ModbusServerProcess(Process process, int port)
    {
        _process = process;
        Port = port;
    }

    public int Port { get; }

    /// <summary>Starts a server on <paramref name="port"/> (0: a free port) and waits until it accepts connections.</summary>
    public static async Task<ModbusServerProcess> StartAsync(int port = 0)
    {
        var python = PythonLocator.Find();
        if (python.Executable is null)
        {
            throw new InvalidOperationException(python.Reason);
        }

        var script = Path.Combine(AppContext.BaseDirectory, "Server", "modbus_test_server.py");
        var startInfo = new ProcessStartInfo(python.Executable)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        startInfo.ArgumentList.Add(script);
        startInfo.ArgumentList.Add("--port");
        startInfo.ArgumentList.Add(port.ToString(CultureInfo.InvariantCulture));
        var process = Process.Start(startInfo) ?? throw new InvalidOperationException($"Cannot start {python.Executable}.");
        var stderr = process.StandardError.ReadToEndAsync();
        using var limit = new CancellationTokenSource(StartupLimit);
        try
        {
            while (true)
            {
                var line = await process.StandardOutput.ReadLineAsync(limit.Token);
                if (line is null)
                {
                    await process.WaitForExitAsync(limit.Token);
                    throw new InvalidOperationException(
                        $"The Modbus test server exited with code {process.ExitCode} before it was ready: {await stderr}");
                }

                if (line.StartsWith("READY ", StringComparison.Ordinal))
                {
                    return new ModbusServerProcess(process, int.Parse(line.AsSpan(6), CultureInfo.InvariantCulture));
                }
            }
        }
        catch
        {
            Kill(process);
            process.Dispose();
            throw;
        }
    }

    /// <summary>Kills the server process at once, as a crash or power loss would.</summary>
    public async Task KillAsync()
    {
        Kill(_process);
        await _process.WaitForExitAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        _process.Dispose();
    }

    private static void Kill(Process process)
    {
        try
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }
    }
}
