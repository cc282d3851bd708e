using System.Diagnostics;

namespace WebMacs.Plugins.Modbus.Tests.Server;

/// <summary>
/// Finds a Python 3 that can import pymodbus: <c>WEBMACS_TEST_PYTHON</c>, else Debian's <c>/usr/bin/python3</c>
/// (where <c>apt-get install python3-pymodbus</c> puts it), else <c>python3</c> on the PATH.
/// </summary>
public static class PythonLocator
{
    private static readonly Lazy<(string? Executable, string Reason)> Result = new(Probe);

    public static (string? Executable, string Reason) Find() => Result.Value;

    private static (string? Executable, string Reason) Probe()
    {
        var candidates = new List<string>();
        if (Environment.GetEnvironmentVariable("WEBMACS_TEST_PYTHON") is { Length: > 0 } configured)
        {
            candidates.Add(configured);
        }

        candidates.Add("/usr/bin/python3");
        candidates.Add("python3");
        var failures = new List<string>();
        foreach (var candidate in candidates)
        {
            var failure = TryImport(candidate);
            if (failure is null)
            {
                return (candidate, "");
            }

            failures.Add($"{candidate}: {failure}");
        }

        return (null,
            "No Python with pymodbus was found, so the tests against a real Modbus server cannot run " +
            "(install it with `apt-get install -y python3-pymodbus`, or point WEBMACS_TEST_PYTHON at a Python that has it). " +
            string.Join("; ", failures));
    }

    private static string? TryImport(string python)
    {
        try
        {
            var startInfo = new ProcessStartInfo(python)
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            startInfo.ArgumentList.Add("-c");
            startInfo.ArgumentList.Add("import pymodbus.server.async_io, pymodbus.datastore");
            using var process = Process.Start(startInfo);
            if (process is null)
            {
                return "cannot start";
            }

            var error = process.StandardError.ReadToEnd();
            process.WaitForExit();
            return process.ExitCode == 0 ? null : error.Trim().Split('\n').LastOrDefault() ?? $"exit code {process.ExitCode}";
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            return ex.Message;
        }
    }
}
