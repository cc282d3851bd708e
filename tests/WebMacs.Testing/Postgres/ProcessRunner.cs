using System.ComponentModel;
using System.Diagnostics;

namespace WebMacs.Testing.Postgres;

/// <summary>Runs external tools with their output captured, optionally as another OS user.</summary>
internal static class ProcessRunner
{
    /// <summary>Runs a tool to completion and returns its exit code and output.</summary>
    /// <exception cref="InvalidOperationException">The tool could not be started.</exception>
    /// <exception cref="TimeoutException">The tool did not finish within <paramref name="timeout"/>; the message holds its output so far.</exception>
    public static async Task<ProcessResult> RunAsync(
        string fileName,
        IReadOnlyList<string> arguments,
        TimeSpan timeout,
        string? workingDirectory = null,
        string? runAsUser = null,
        CancellationToken cancellationToken = default)
    {
        var (file, args) = runAsUser is null ? (fileName, arguments) : OsUser.WrapForUser(runAsUser, fileName, arguments);
        var startInfo = new ProcessStartInfo(file)
        {
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        if (workingDirectory is not null)
        {
            startInfo.WorkingDirectory = workingDirectory;
        }

        foreach (var argument in args)
        {
            startInfo.ArgumentList.Add(argument);
        }

        var commandLine = string.Join(' ', args.Prepend(file).Select(OsUser.ShellQuote));
        using var process = new Process { StartInfo = startInfo };
        try
        {
            process.Start();
        }
        catch (Win32Exception ex)
        {
            throw new InvalidOperationException($"Could not start '{commandLine}': {ex.Message}", ex);
        }

        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync(CancellationToken.None);
        var stderr = process.StandardError.ReadToEndAsync(CancellationToken.None);

        using var timeoutSource = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeoutSource.CancelAfter(timeout);
        try
        {
            await process.WaitForExitAsync(timeoutSource.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            process.Kill(entireProcessTree: true);
            var partial = new ProcessResult(commandLine, -1, await stdout, await stderr);
            throw new TimeoutException(
                $"'{commandLine}' did not finish within {timeout.TotalSeconds:0} s and was killed.{Environment.NewLine}{partial.Describe()}");
        }

        return new ProcessResult(commandLine, process.ExitCode, await stdout, await stderr);
    }
}
